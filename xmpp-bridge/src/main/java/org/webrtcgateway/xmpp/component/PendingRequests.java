package org.webrtcgateway.xmpp.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.SmackException.NoResponseException;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.Jid;

/**
 * The component's IQ requests waiting for their answers, by stanza id: each completes with the result, with
 * {@link XMPPErrorException} for an error, with {@link NoResponseException} when none came in time, or with
 * {@link NotConnectedException} when it could not be sent or the stream went down meanwhile (the answer would
 * have gone to the lost stream). At most {@link #MAX_PENDING} wait at a time. The bridge's thread only, so each
 * completes there.
 */
final class PendingRequests {

    static final int MAX_PENDING = 4_096;
    /** Smack's own default reply timeout, so both modes wait alike. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where requests are written: the component's stream. */
    interface Sender {
        void send(Stanza stanza) throws NotConnectedException;
    }

    private record Pending(IQ request, CompletableFuture<IQ> reply, ScheduledFuture<?> timeout) {
    }

    private final Sender stream;
    private final ScheduledExecutorService thread;
    private final Duration timeout;
    private final Map<String, Pending> pending = new HashMap<>();

    PendingRequests(Sender stream, ScheduledExecutorService thread, Duration timeout) {
        this.stream = stream;
        this.thread = thread;
        this.timeout = timeout;
    }

    CompletionStage<IQ> send(IQ request) {
        CompletableFuture<IQ> reply = new CompletableFuture<>();
        String id = request.getStanzaId();
        if (id == null || pending.containsKey(id) || pending.size() >= MAX_PENDING) {
            reply.completeExceptionally(new IllegalStateException(id == null ? "an IQ request needs an id"
                    : pending.containsKey(id) ? "IQ id " + id + " is already waiting" : MAX_PENDING + " IQ requests are waiting already"));
            return reply;
        }
        try {
            stream.send(request);
        } catch (NotConnectedException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        ScheduledFuture<?> timer;
        try {
            timer = thread.schedule(() -> timedOut(id), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The bridge is stopping (a call's session-terminate on the way out): sent, but no answer will be read.
            reply.completeExceptionally(new NotConnectedException("the XMPP bridge is stopping"));
            return reply;
        }
        pending.put(id, new Pending(request, reply, timer));
        return reply;
    }

    /** An IQ result or error: completes its request. False when none waits for it (from that address). */
    boolean answer(IQ answer) {
        Pending waiting = pending.get(answer.getStanzaId());
        if (waiting == null || !answeredBy(waiting.request(), answer.getFrom())) {
            return false;
        }
        pending.remove(answer.getStanzaId());
        waiting.timeout().cancel(false);
        if (answer.getType() == IQ.Type.error) {
            waiting.reply().completeExceptionally(new XMPPErrorException(answer, answer.getError(), waiting.request()));
        } else {
            waiting.reply().complete(answer);
        }
        return true;
    }

    /** The stream went down: no answer can come to any of them. */
    void failAll(String why) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending waiting : all) {
            waiting.timeout().cancel(false);
            waiting.reply().completeExceptionally(new NotConnectedException(why));
        }
    }

    private void timedOut(String id) {
        Pending waiting = pending.remove(id);
        if (waiting != null) {
            waiting.reply().completeExceptionally(NoResponseException.newWith(timeout.toMillis(), new StanzaIdFilter(id), false));
        }
    }

    /** Only the addressee answers (RFC 6120 §8.2.3; a bare JID's answer may come from a resource of it), so no one else can. */
    private static boolean answeredBy(IQ request, Jid from) {
        Jid to = request.getTo();
        if (to == null || from == null) {
            return to == from;
        }
        return to.equals(from) || (to.isEntityBareJid() && to.equals(from.asBareJid()));
    }
}
