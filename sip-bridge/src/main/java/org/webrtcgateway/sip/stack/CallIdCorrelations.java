package org.webrtcgateway.sip.stack;

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
 */
public final class CallIdCorrelations {

    private final Map<String, String> bySipCallId = new ConcurrentHashMap<>();

    public void link(String sipCallId, String correlationId) {
        bySipCallId.putIfAbsent(sipCallId, correlationId);
    }

    public void unlink(String sipCallId, String correlationId) {
        bySipCallId.remove(sipCallId, correlationId);
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
