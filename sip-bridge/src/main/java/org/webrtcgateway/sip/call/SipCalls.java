package org.webrtcgateway.sip.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.stack.CallIdCorrelations;

/**
 * The bridge's calls, by the gateway's call id (scoped per user, as the core scopes them) and by
 * SIP dialog (Call-ID and our tag) for requests within a dialog and CANCEL. One Call-ID can carry
 * two of our calls: when one gateway user calls another through the PBX, the INVITE comes back to
 * the gateway with the Call-ID it left with; our tag tells the two dialogs apart. Bridge thread only.
 */
public final class SipCalls {

    private static final Logger log = LoggerFactory.getLogger(SipCalls.class);

    private final CallIdCorrelations correlations;

    public SipCalls(CallIdCorrelations correlations) {
        this.correlations = correlations;
    }

    private final Map<String, SipCall> byGatewayId = new HashMap<>();
    private final Map<String, List<SipCall>> bySipCallId = new HashMap<>();

    private static String key(String user, String callId) {
        return user + "/" + callId;
    }

    public SipCall get(String user, String callId) {
        return byGatewayId.get(key(user, callId));
    }

    /**
     * The call a request from SIP belongs to: by Call-ID, then by the To tag (our tag in the
     * dialog); a request without To tag (CANCEL, a retransmitted INVITE) is for an incoming call.
     */
    public SipCall find(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        List<SipCall> candidates = bySipCallId.get(callId);
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        for (SipCall call : candidates) {
            if (toTag != null ? toTag.equals(call.localTag()) : call instanceof IncomingCall) {
                return call;
            }
        }
        return null;
    }

    public void add(SipCall call) {
        byGatewayId.put(key(call.user().name(), call.callId()), call);
        if (call.sipCallId() != null) {
            bindSipCallId(call);
        }
    }

    /** Called once an outgoing call has its SIP Call-ID. */
    void bindSipCallId(SipCall call) {
        List<SipCall> list = bySipCallId.computeIfAbsent(call.sipCallId(), id -> new ArrayList<>(2));
        if (!list.contains(call)) {
            list.add(call);
            if (call.correlationId() != null) {
                link(call);
            }
        }
    }

    /**
     * The call has both its correlation id and its SIP Call-ID: the stack's threads can now tell which call a
     * message belongs to, and the one line that ties the two ids together is written (INFO, once a call).
     */
    void link(SipCall call) {
        correlations.link(call.sipCallId(), call.correlationId());
        log.info("call={} is SIP Call-ID {} ({} {} {}, gateway call id {})", call.correlationId(), call.sipCallId(), call.user(),
                call instanceof IncomingCall ? "<-" : "->", call.peer(), call.callId());
    }

    /** The browser is done with this call id; the SIP side may still be finishing (a CANCEL in flight). */
    void forgetGatewayId(SipCall call) {
        byGatewayId.remove(key(call.user().name(), call.callId()), call);
    }

    public void remove(SipCall call) {
        call.media().end(); // media hook (issue 18): the relay's session ends with the call, however it ends
        forgetGatewayId(call);
        if (call.sipCallId() != null) {
            if (call.correlationId() != null) {
                correlations.unlink(call.sipCallId(), call.correlationId());
            }
            List<SipCall> list = bySipCallId.get(call.sipCallId());
            if (list != null) {
                list.remove(call);
                if (list.isEmpty()) {
                    bySipCallId.remove(call.sipCallId());
                }
            }
        }
    }

    public List<SipCall> all() {
        Set<SipCall> all = new LinkedHashSet<>(byGatewayId.values());
        bySipCallId.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    public int size() {
        return all().size();
    }
}
