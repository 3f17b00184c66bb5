package org.webrtcgateway.xmpp.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.webrtcgateway.core.api.Address;

/**
 * The bridge's calls, by the gateway's call id and by Jingle session id, each scoped per gateway user (the core
 * scopes call ids per user; a Jingle sid is the initiator's choice, so two peers may pick the same one: it is
 * scoped by the peer too). Written on the bridge's thread only; whether a call id is known may be asked from any.
 */
final class JingleCalls {

    private final Map<String, JingleCall> byCallId = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, JingleCall> bySid = new HashMap<>();

    private static String callKey(Address.Local user, String callId) {
        return user.name() + '/' + callId;
    }

    private static String sidKey(Address.Local user, Object peerBareJid, String sid) {
        return user.name() + '/' + peerBareJid + '/' + sid;
    }

    JingleCall byCallId(Address.Local user, String callId) {
        return byCallId.get(callKey(user, callId));
    }

    JingleCall bySid(Address.Local user, Object peerBareJid, String sid) {
        return bySid.get(sidKey(user, peerBareJid, sid));
    }

    boolean hasCallId(Address.Local user, String callId) {
        return byCallId.containsKey(callKey(user, callId));
    }

    void add(JingleCall call) {
        byCallId.put(callKey(call.user(), call.callId), call);
        bySid.put(sidKey(call.user(), call.peerBareJid, call.sid), call);
    }

    void remove(JingleCall call) {
        byCallId.remove(callKey(call.user(), call.callId), call);
        bySid.remove(sidKey(call.user(), call.peerBareJid, call.sid), call);
    }

    List<JingleCall> of(Address.Local user) {
        List<JingleCall> calls = new ArrayList<>();
        for (JingleCall call : byCallId.values()) {
            if (call.user().equals(user)) {
                calls.add(call);
            }
        }
        return calls;
    }

    List<JingleCall> all() {
        return List.copyOf(byCallId.values());
    }

    int size() {
        return byCallId.size();
    }
}
