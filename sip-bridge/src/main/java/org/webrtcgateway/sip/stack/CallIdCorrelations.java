package org.webrtcgateway.sip.stack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

/**
 * The gateway's correlation id of each SIP Call-ID the bridge carries, so that JAIN-SIP's threads, which
 * know a message but not our calls, log what they do about a call with its id, and hand its work to the
 * bridge thread with it. Written on the bridge thread, read on the stack's threads.
 *
 * <p>When one gateway user calls another through the PBX, one Call-ID carries two gateway calls (and two
 * correlation ids): the stack's lines then carry the first call's id; the bridge thread's lines, which
 * know the dialog, carry each call's own.
 *
 * <p>A call the bridge forgot still has messages in flight: the answer to its BYE, retransmissions. Its
 * link stays for {@link #LINGER_NANOS} (64 × T1, the longest a SIP transaction lasts), so those lines
 * still carry its id.
 */
public final class CallIdCorrelations {

    static final long LINGER_NANOS = 32_000_000_000L;

    private final Map<String, String> bySipCallId = new ConcurrentHashMap<>();
    /** Unlinked calls, oldest first, until their linger is over. Bridge thread only. */
    private final Deque<Unlinked> lingering = new ArrayDeque<>();

    private record Unlinked(String sipCallId, String correlationId, long at) {
    }

    /** Bridge thread. */
    public void link(String sipCallId, String correlationId) {
        forgetLingeredOut(System.nanoTime());
        bySipCallId.putIfAbsent(sipCallId, correlationId);
    }

    /** Bridge thread: the call is over; the link goes once its last messages are surely through. */
    public void unlink(String sipCallId, String correlationId) {
        long now = System.nanoTime();
        forgetLingeredOut(now);
        lingering.addLast(new Unlinked(sipCallId, correlationId, now));
    }

    private void forgetLingeredOut(long now) {
        while (!lingering.isEmpty() && now - lingering.peekFirst().at() > LINGER_NANOS) {
            Unlinked over = lingering.removeFirst();
            bySipCallId.remove(over.sipCallId(), over.correlationId());
        }
    }

    /** The correlation id of the call {@code message} belongs to, or null. */
    public String of(Message message) {
        String callId = callIdOf(message);
        return callId == null ? null : bySipCallId.get(callId);
    }

    static String callIdOf(Message message) {
        CallIdHeader header = message == null ? null : (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? null : header.getCallId();
    }
}
