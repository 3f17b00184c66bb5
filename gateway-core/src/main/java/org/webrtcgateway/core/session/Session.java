package org.webrtcgateway.core.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.List;
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

    private final ConcurrentHashMap<String, Call> calls = new ConcurrentHashMap<>();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Set<Address> following = ConcurrentHashMap.newKeySet();
    private volatile Presence presence = new Presence(PresenceStatus.AVAILABLE, null);

    /** Guards the connection/queue switch, so a resume's flush and concurrent deliveries stay in order. */
    private final Object lock = new Object();
    private ClientConnection connection;
    private ArrayDeque<ServerMessage> queue;
    private long detachCount;
    private boolean ended;

    public record Presence(PresenceStatus status, String note) {
    }

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
            if (connection != null) {
                connection.send(message);
                return true;
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
            queue = new ArrayDeque<>();
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

    public boolean isEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    // ------------------------------------------------------------------ calls, rooms, presence

    @Override
    public boolean addCall(Call call) {
        return calls.putIfAbsent(call.id(), call) == null;
    }

    @Override
    public void removeCall(Call call) {
        calls.remove(call.id(), call);
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

    public Set<String> rooms() {
        return rooms;
    }

    public Set<Address> following() {
        return following;
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
