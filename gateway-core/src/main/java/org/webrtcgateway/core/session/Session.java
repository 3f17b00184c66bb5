package org.webrtcgateway.core.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.webrtcgateway.core.access.AccessPolicy;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.limits.TokenBucket;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.core.protocol.ClientConnection;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.routing.Party;

/**
 * A logged-in user: the name, the calls and rooms it is in, its presence, and the connection it is
 * reached on. Messages that the connection cannot take now (its write buffer is full) wait in a
 * bounded queue and follow, in order, as it drains. The session outlives a connection that drops
 * without a close frame: while detached, messages wait in the same queue, and the connection that
 * resumes it gets them in order, as fast as it takes them.
 */
public final class Session implements CallParty {

    private final Address.Local address;
    /**
     * Tells this session from another of the same name (a later login, or the same user's session on another
     * node of a cluster), for a name's claim and release. Not a secret: the resume token is.
     */
    private final String id;
    // Replaced at every resume (SessionRegistry.rotateResumeToken): a leaked token is good for one takeover at most.
    private volatile String resumeToken;
    private final BiConsumer<Session, String> onQueueOverflow;
    private final int maxCalls;
    private final AccessPolicy access;
    /** Created at the first refusal: most users never meet a rule, and a condition costs some bytes. */
    private RepeatedCondition accessRefused;

    // Copy-on-write, immutable snapshots: most sessions are idle with no call, one room or none, and
    // follow few; an empty Map.of()/Set.of() costs nothing per session, where a concurrent map costs
    // a few hundred bytes. Changes are rare (call set-up, join) and take the session's monitor.
    // The calls of a user with many (a SIP trunk's relay, a call-centre bot) move to a concurrent
    // map, where copying on every call set-up and end would cost O(calls) each.
    private volatile Map<String, Call> calls = Map.of();
    private volatile Set<String> rooms = Set.of();
    private volatile Set<Address> following = Set.of();
    private volatile Presence presence = AVAILABLE;

    /** For the session log and the admin API: since when, from where, how many calls. */
    private final java.time.Instant startedAt = java.time.Instant.now();
    private final long startedNanos = System.nanoTime();
    private volatile String remoteAddress = "";
    private int callsMade;

    /** Guards the connection/queue switch, so a resume's flush and concurrent deliveries stay in order. */
    private final Object lock = new Object();
    private ClientConnection connection;
    /** Messages not yet handed to a connection; while it is not empty, new messages queue behind it. */
    private final ResumeQueue queue;
    /** The connection that dropped, held until the session ends or is resumed (then it is released). */
    private ClientConnection detachedFrom;
    private long detachCount;
    private boolean ended;
    /**
     * Set when the session moved to another node of a cluster: what is still delivered to this object (by a call of
     * a user of this node that holds it) goes on to the user there.
     */
    private volatile Party movedTo;
    /**
     * The thread handling one of this session's requests now, or null. What other threads send meanwhile (a bridge's
     * answer to what the request started, another user's message) waits for the request's reply, so a client never
     * hears of a call before the {@code ok} that gave it its id, nor of a contact's presence before its subscribe's
     * {@code ok}. A request is handled in microseconds, without blocking, so little is ever held.
     */
    private Thread requestThread;
    private final List<ServerMessage> heldForReply = new ArrayList<>();
    /** New calls this user may still start now; made at the first one. Guarded by {@link #lock}. */
    private TokenBucket callAttempts;
    /** Held messages past this many go out at once (a flood within one request may then overtake the reply). */
    static final int MAX_HELD_FOR_REPLY = 256;

    public record Presence(PresenceStatus status, String note) {
    }

    private static final Presence AVAILABLE = new Presence(PresenceStatus.AVAILABLE, null);

    /**
     * @param maxCalls        calls the user may be in at once ({@code call.max-per-user})
     * @param onQueueOverflow told (outside the session's lock) when a message would pass a bound of the
     *                        queue, with which one; it is expected to end the session
     */
    public Session(Address.Local address, String resumeToken, int maxCalls, QueueLimits queueLimits,
                   BiConsumer<Session, String> onQueueOverflow) {
        this(address, resumeToken, AccessPolicy.unrestricted(maxCalls, Integer.MAX_VALUE), queueLimits, onQueueOverflow);
    }

    /**
     * @param access what the user may reach (its {@link AccessPolicy#maxCalls} is the user's call limit)
     */
    public Session(Address.Local address, String resumeToken, AccessPolicy access, QueueLimits queueLimits,
                   BiConsumer<Session, String> onQueueOverflow) {
        this(newId(), address, resumeToken, access, queueLimits, onQueueOverflow);
    }

    /** @param id the session's {@link #id}, given when a session taken over from another node keeps the one recorded */
    public Session(String id, Address.Local address, String resumeToken, AccessPolicy access, QueueLimits queueLimits,
                   BiConsumer<Session, String> onQueueOverflow) {
        this.id = requireNonNull(id, "id");
        this.address = requireNonNull(address, "address");
        this.access = requireNonNull(access, "access");
        this.maxCalls = access.maxCalls();
        this.resumeToken = requireNonNull(resumeToken, "resumeToken");
        this.queue = new ResumeQueue(requireNonNull(queueLimits, "queueLimits"));
        this.onQueueOverflow = requireNonNull(onQueueOverflow, "onQueueOverflow");
    }

    @Override
    public Address.Local address() {
        return address;
    }

    public String name() {
        return address.name();
    }

    /** A fresh {@link #id}: 128 random bits, unique but no secret. */
    public static String newId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /** This session, not another of the same name: see {@link #id}. */
    public String id() {
        return id;
    }

    /** What this user may reach, fixed at login. */
    public AccessPolicy access() {
        return access;
    }

    /** The journal's condition for this user's refused requests: one line a minute at most per user. */
    public synchronized RepeatedCondition accessRefused() {
        if (accessRefused == null) {
            accessRefused = RepeatedCondition.warn(ACCESS_LOG, "access rules refused a request of " + name());
        }
        return accessRefused;
    }

    private static final org.slf4j.Logger ACCESS_LOG = org.slf4j.LoggerFactory.getLogger(AccessPolicy.class);

    /** The token that resumes this session now; each resume replaces it. */
    public String resumeToken() {
        return resumeToken;
    }

    void resumeToken(String token) {
        this.resumeToken = requireNonNull(token, "token");
    }

    /** When the user logged in (a resume keeps it). */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /** How long the session has lasted, on the monotonic clock. */
    public java.time.Duration age() {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The remote address of the connection it is, or was last, attached to. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Calls this user took part in so far (placed, outgoing or incoming). */
    public synchronized int callsMade() {
        return callsMade;
    }

    /** A call of this user was placed (its offer reached the other side). */
    public synchronized void callPlaced() {
        callsMade++;
    }

    // ------------------------------------------------------------------ delivery

    @Override
    public RouteResult deliver(Signal signal) {
        Party forward = movedTo;
        if (forward != null) {
            return forward.deliver(signal);
        }
        return send(new ServerMessage.Delivery(signal))
                ? RouteResult.accepted()
                : RouteResult.rejected(ErrorCode.UNKNOWN_PEER, name() + " is gone");
    }

    /**
     * Sends to the attached connection, or queues while detached or while a backlog drains.
     *
     * @return false when the session has ended, or ends now because its queue is full
     */
    public boolean send(ServerMessage message) {
        String overflow;
        synchronized (lock) {
            if (ended) {
                return false;
            }
            if (requestThread != null && requestThread != Thread.currentThread() && heldForReply.size() < MAX_HELD_FOR_REPLY) {
                heldForReply.add(message);
                return true;
            }
            overflow = releaseHeld();
            if (overflow == null) {
                overflow = sendOrQueue(message);
            }
            if (overflow == null) {
                return true;
            }
        }
        onQueueOverflow.accept(this, overflow);
        return false;
    }

    /** A request of this session is being handled on this thread: see {@link #requestThread}. */
    public void requestBegins() {
        synchronized (lock) {
            requestThread = Thread.currentThread();
        }
    }

    /** The request was handled and its reply (if any) sent: what waited for it goes out, in order. */
    public void requestEnded() {
        String overflow;
        synchronized (lock) {
            requestThread = null;
            if (ended) {
                heldForReply.clear();
                return;
            }
            overflow = releaseHeld();
        }
        if (overflow != null) {
            onQueueOverflow.accept(this, overflow);
        }
    }

    /** Under the lock: sends what waited for a reply; stops at the first that would pass a bound (returned). */
    private String releaseHeld() {
        String overflow = null;
        for (ServerMessage held : heldForReply) {
            overflow = sendOrQueue(held);
            if (overflow != null) {
                break;
            }
        }
        heldForReply.clear();
        return overflow;
    }

    /**
     * Sends the reply to a request that came on {@code from}, as {@link #send} does (behind what waits),
     * in one step with the check that the session is still on {@code from}.
     *
     * @return false when it is not (ended, or moved to another connection): nothing was sent
     */
    public boolean reply(ClientConnection from, ServerMessage message) {
        String overflow;
        synchronized (lock) {
            if (ended || connection != from) {
                return false;
            }
            overflow = sendOrQueue(message);
            if (overflow == null) {
                return true;
            }
        }
        onQueueOverflow.accept(this, overflow);
        return true;
    }

    /**
     * Under the lock: hands {@code message} to the connection when nothing waits before it and the
     * connection keeps up; otherwise queues it. Detached, draining a backlog, attached to a client that
     * reads slower than it is sent to, or to a connection that has just died and not told us yet: the
     * message is kept, in order, for whoever reads it next; a client that does not read at all ends when
     * the queue is full.
     *
     * @return null when sent or queued, else which bound of the queue it would pass
     */
    private String sendOrQueue(ServerMessage message) {
        if (connection != null && queue.isEmpty() && connection.isWritable() && connection.send(message)) {
            return null;
        }
        String overflow = queue.offer(message);
        if (overflow == null) {
            drain();
        }
        return overflow;
    }

    /** The attached connection can take more again (its write buffer drained): send it what waits. */
    public void writable(ClientConnection candidate) {
        synchronized (lock) {
            if (!ended && connection == candidate) {
                drain();
            }
        }
    }

    /** Hands queued messages to the connection while it keeps up; the rest waits for {@link #writable}. */
    private void drain() {
        while (connection != null && !queue.isEmpty() && connection.isWritable()) {
            if (!connection.send(queue.peek())) {
                return; // closing: the message stays queued for a resume
            }
            queue.removeFirst();
        }
    }

    // ------------------------------------------------------------------ connection lifecycle

    /** Attaches the first connection, sending it {@code first} (the login reply). */
    public void attach(ClientConnection newConnection, ServerMessage first) {
        synchronized (lock) {
            connection = newConnection;
            remoteAddress = newConnection.remoteAddress();
            newConnection.send(first);
        }
    }

    /**
     * Moves the session to {@code newConnection} for a resume: sends {@code first} (the login reply),
     * then the queued messages in order, as fast as the connection takes them. A connection still
     * attached (a half-open socket the gateway has not noticed dropping yet) is returned so the caller
     * can close it.
     */
    public ResumeResult resume(ClientConnection newConnection, ServerMessage first) {
        ClientConnection dropped;
        ClientConnection previous;
        synchronized (lock) {
            if (ended) {
                return new ResumeResult(false, null);
            }
            previous = connection;
            connection = newConnection;
            remoteAddress = newConnection.remoteAddress();
            newConnection.send(first);
            drain();
            dropped = detachedFrom;
            detachedFrom = null;
        }
        if (dropped != null) {
            dropped.released();
        }
        return new ResumeResult(true, previous);
    }

    /** The result of {@link #resume}: whether it worked (false: the session had ended), and the connection it replaced. */
    public record ResumeResult(boolean succeeded, ClientConnection replaced) {
    }

    /**
     * The result of {@link #detach}: the detach count to hand to {@link #isStillDetachedSince}, and,
     * when what the dead connection could not write does not fit in the queue, which bound it passed.
     */
    public record Detached(long count, String overflow) {
    }

    /**
     * Detaches {@code dropped} if it is still the session's connection, and starts queueing. The
     * session then holds {@code dropped} until it ends or is resumed, and releases it then.
     *
     * @return null when {@code dropped} was no longer attached
     */
    public Detached detach(ClientConnection dropped) {
        synchronized (lock) {
            if (ended || connection != dropped) {
                return null;
            }
            connection = null;
            detachedFrom = dropped;
            // What the dead connection could not write comes first, then what queued since.
            String overflow = queue.prependAll(dropped.unsent());
            return new Detached(++detachCount, overflow);
        }
    }

    /** True when no connection resumed the session since the detach that returned {@code detach}. */
    public boolean isStillDetachedSince(long detach) {
        synchronized (lock) {
            return !ended && connection == null && detachCount == detach;
        }
    }

    /** True while a connection is attached (false while dropped and waiting to be resumed, or ended). */
    public boolean isConnected() {
        synchronized (lock) {
            return connection != null;
        }
    }

    /** True once the session has ended (logged out, closed, not resumed in time, replaced, kicked). */
    public boolean hasEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    public boolean isAttachedTo(ClientConnection candidate) {
        synchronized (lock) {
            return !ended && connection == candidate;
        }
    }

    /**
     * Marks the session ended; later sends are dropped, and what was queued is forgotten.
     *
     * @return the connection that was attached (to close), or null; empty when it had already ended
     */
    public EndResult end() {
        ClientConnection dropped;
        ClientConnection attached;
        synchronized (lock) {
            if (ended) {
                return new EndResult(false, null);
            }
            ended = true;
            attached = connection;
            connection = null;
            queue.clear();
            dropped = detachedFrom;
            detachedFrom = null;
        }
        if (dropped != null) {
            dropped.released();
        }
        return new EndResult(true, attached);
    }

    public record EndResult(boolean endedNow, ClientConnection attached) {
    }

    /**
     * The session moves to another node of a cluster: it ends here without a word to anyone, what waited for its
     * client is handed over, and from now on what is delivered to this object goes to {@code forward}.
     *
     * @return null when it had ended already
     */
    public MovedOut moveOut(Party forward) {
        ClientConnection dropped;
        MovedOut moved;
        synchronized (lock) {
            if (ended) {
                return null;
            }
            ended = true;
            movedTo = requireNonNull(forward, "forward");
            List<ServerMessage> waiting = new ArrayList<>(heldForReply);
            heldForReply.clear();
            List<ServerMessage> queued = queue.takeAll();
            queued.addAll(waiting);
            moved = new MovedOut(List.copyOf(queued), connection);
            connection = null;
            dropped = detachedFrom;
            detachedFrom = null;
        }
        if (dropped != null) {
            dropped.released();
        }
        return moved;
    }

    /** What {@link #moveOut} hands over: the messages that waited for the client, and the connection still attached. */
    public record MovedOut(List<ServerMessage> queued, ClientConnection attached) {
    }

    /** True once the session moved to another node: see {@link #moveOut}. */
    public boolean hasMovedAway() {
        return movedTo != null;
    }

    /**
     * Puts what waited for the client on the node this session moved from before everything queued here since;
     * call before the session is attached.
     *
     * @return null when taken, else which bound of the queue they would pass
     */
    public String prependMovedIn(List<ServerMessage> messages) {
        synchronized (lock) {
            return queue.prependAll(messages);
        }
    }

    // ------------------------------------------------------------------ calls, rooms, presence

    private static final int COPIED_CALLS_LIMIT = 4;

    /** Busy at {@code call.max-per-user} calls. */
    @Override
    public RouteResult admitsNewCall() {
        return calls.size() >= maxCalls ? RouteResult.rejected(ErrorCode.BUSY, name() + " is busy") : RouteResult.accepted();
    }

    /** True when the user may start another call. */
    /**
     * Takes one of the user's new-call attempts ({@code call.attempts-per-minute}); false when there is none left.
     * Kept with the session, so reconnecting does not refill it.
     */
    public boolean tryCallAttempt(int perMinute, long nowNanos) {
        if (perMinute == 0) {
            return true;
        }
        synchronized (lock) {
            if (callAttempts == null) {
                callAttempts = new TokenBucket(perMinute / 60.0, perMinute, nowNanos);
            }
            return callAttempts.tryAcquire(nowNanos);
        }
    }

    public boolean mayStartACall() {
        return calls.size() < maxCalls;
    }

    @Override
    public synchronized boolean addCall(Call call) {
        if (calls.containsKey(call.id())) {
            return false;
        }
        if (calls instanceof ConcurrentHashMap<String, Call> many) {
            many.put(call.id(), call);
        } else if (calls.size() >= COPIED_CALLS_LIMIT) {
            Map<String, Call> many = new ConcurrentHashMap<>(calls);
            many.put(call.id(), call);
            calls = many;
        } else {
            Map<String, Call> copy = new HashMap<>(calls);
            copy.put(call.id(), call);
            calls = Map.copyOf(copy);
        }
        return true;
    }

    @Override
    public synchronized void removeCall(Call call) {
        if (calls instanceof ConcurrentHashMap<String, Call> many) {
            many.remove(call.id(), call);
        } else if (calls.get(call.id()) == call) {
            Map<String, Call> copy = new HashMap<>(calls);
            copy.remove(call.id());
            calls = Map.copyOf(copy);
        }
    }

    public Call call(String id) {
        return calls.get(id);
    }

    public List<Call> calls() {
        return List.copyOf(calls.values());
    }

    public int callCount() {
        return calls.size();
    }

    /** The rooms this session is in, as a snapshot. */
    public Set<String> rooms() {
        return rooms;
    }

    public synchronized boolean addRoom(String room) {
        if (rooms.contains(room)) {
            return false;
        }
        rooms = plus(rooms, room);
        return true;
    }

    public synchronized boolean removeRoom(String room) {
        if (!rooms.contains(room)) {
            return false;
        }
        rooms = minus(rooms, room);
        return true;
    }

    /** The addresses whose presence this session follows, as a snapshot. */
    public Set<Address> following() {
        return following;
    }

    public synchronized boolean follow(Address address) {
        if (following.contains(address)) {
            return false;
        }
        following = plus(following, address);
        return true;
    }

    public synchronized boolean unfollow(Address address) {
        if (!following.contains(address)) {
            return false;
        }
        following = minus(following, address);
        return true;
    }

    private static <T> Set<T> plus(Set<T> set, T element) {
        Set<T> copy = new HashSet<>(set);
        copy.add(element);
        return Set.copyOf(copy);
    }

    private static <T> Set<T> minus(Set<T> set, T element) {
        Set<T> copy = new HashSet<>(set);
        copy.remove(element);
        return Set.copyOf(copy);
    }

    public Presence presence() {
        return presence;
    }

    public void setPresence(Presence presence) {
        this.presence = requireNonNull(presence, "presence");
    }

    @Override
    public String toString() {
        return "session " + address.name();
    }
}
