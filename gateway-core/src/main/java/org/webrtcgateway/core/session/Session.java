package org.webrtcgateway.core.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;
import org.webrtcgateway.core.call.Call;
import org.webrtcgateway.core.call.CallParty;
import org.webrtcgateway.core.protocol.ServerMessage;

/**
 * A logged-in user: the name, the calls and rooms it is in, its presence, and the connection it is
 * reached on. The session outlives a connection that drops without a close frame: while detached,
 * messages for it wait in a bounded queue and are flushed in order to the connection that resumes it.
 */
public final class Session implements CallParty {

    private final Address.Local address;
    private final String resumeToken;
    private final int queueLimit;
    private final Consumer<Session> onQueueOverflow;

    // Copy-on-write, immutable snapshots: most sessions are idle with no call, one room or none, and
    // follow few; an empty Map.of()/Set.of() costs nothing per session, where a concurrent map costs
    // a few hundred bytes. Changes are rare (call set-up, join) and take the session's monitor.
    // The calls of a user with many (a SIP trunk's relay, a call-centre bot) move to a concurrent
    // map, where copying on every call set-up and end would cost O(calls) each.
    private volatile Map<String, Call> calls = Map.of();
    private volatile Set<String> rooms = Set.of();
    private volatile Set<Address> following = Set.of();
    private volatile Presence presence = AVAILABLE;

    /** Guards the connection/queue switch, so a resume's flush and concurrent deliveries stay in order. */
    private final Object lock = new Object();
    private ClientConnection connection;
    private ArrayDeque<ServerMessage> queue;
    private long detachCount;
    private boolean ended;

    public record Presence(PresenceStatus status, String note) {
    }

    private static final Presence AVAILABLE = new Presence(PresenceStatus.AVAILABLE, null);

    public Session(Address.Local address, String resumeToken, int queueLimit, Consumer<Session> onQueueOverflow) {
        this.address = requireNonNull(address, "address");
        this.resumeToken = requireNonNull(resumeToken, "resumeToken");
        this.queueLimit = queueLimit;
        this.onQueueOverflow = requireNonNull(onQueueOverflow, "onQueueOverflow");
    }

    @Override
    public Address.Local address() {
        return address;
    }

    public String name() {
        return address.name();
    }

    public String resumeToken() {
        return resumeToken;
    }

    // ------------------------------------------------------------------ delivery

    @Override
    public RouteResult deliver(Signal signal) {
        return send(new ServerMessage.Delivery(signal))
                ? RouteResult.accepted()
                : RouteResult.rejected(ErrorCode.UNKNOWN_PEER, name() + " is gone");
    }

    /**
     * Sends to the attached connection, or queues while detached.
     *
     * @return false when the session has ended, or ends now because its queue is full
     */
    public boolean send(ServerMessage message) {
        synchronized (lock) {
            if (ended) {
                return false;
            }
            if (connection != null && connection.send(message)) {
                return true;
            }
            // Detached, or attached to a connection that has just died and not told us yet:
            // keep the message for whoever resumes the session.
            if (queue == null) {
                queue = new ArrayDeque<>();
            }
            if (queue.size() < queueLimit) {
                queue.add(message);
                return true;
            }
        }
        onQueueOverflow.accept(this);
        return false;
    }

    // ------------------------------------------------------------------ connection lifecycle

    /** Attaches the first connection, sending it {@code first} (the login reply). */
    public void attach(ClientConnection newConnection, ServerMessage first) {
        synchronized (lock) {
            connection = newConnection;
            newConnection.send(first);
        }
    }

    /**
     * Moves the session to {@code newConnection} for a resume: sends {@code first} (the login reply),
     * then the queued messages in order. A connection still attached (a half-open socket the gateway
     * has not noticed dropping yet) is returned so the caller can close it.
     *
     */
    public ResumeResult resume(ClientConnection newConnection, ServerMessage first) {
        synchronized (lock) {
            if (ended) {
                return new ResumeResult(false, null);
            }
            ClientConnection previous = connection;
            connection = newConnection;
            newConnection.send(first);
            if (queue != null) {
                queue.forEach(newConnection::send);
                queue = null;
            }
            return new ResumeResult(true, previous);
        }
    }

    /** The result of {@link #resume}: whether it worked (false: the session had ended), and the connection it replaced. */
    public record ResumeResult(boolean succeeded, ClientConnection replaced) {
    }

    /**
     * Detaches {@code dropped} if it is still the session's connection, and starts queueing.
     *
     * @return the detach count to hand to {@link #isStillDetachedSince}, or -1 when {@code dropped} was no longer attached
     */
    public long detach(ClientConnection dropped) {
        synchronized (lock) {
            if (ended || connection != dropped) {
                return -1;
            }
            connection = null;
            // What the dead connection could not write comes first, then what arrived since.
            ArrayDeque<ServerMessage> waiting = new ArrayDeque<>(dropped.unsent());
            if (queue != null) {
                waiting.addAll(queue);
            }
            queue = waiting;
            return ++detachCount;
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

    public boolean isAttachedTo(ClientConnection candidate) {
        synchronized (lock) {
            return !ended && connection == candidate;
        }
    }

    /**
     * Marks the session ended; later sends are dropped.
     *
     * @return the connection that was attached (to close), or null; empty when it had already ended
     */
    public EndResult end() {
        synchronized (lock) {
            if (ended) {
                return new EndResult(false, null);
            }
            ended = true;
            ClientConnection attached = connection;
            connection = null;
            queue = null;
            return new EndResult(true, attached);
        }
    }

    public record EndResult(boolean endedNow, ClientConnection attached) {
    }

    // ------------------------------------------------------------------ calls, rooms, presence

    private static final int COPIED_CALLS_LIMIT = 4;

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
