package org.webrtcgateway.sip.subscribe;

import java.util.HashMap;
import java.util.Map;

/** The subscriptions whose dialogs are live, by SIP Call-ID, for the NOTIFYs that come in them. Bridge thread only. */
final class SubscriptionTable {

    private final Map<String, Subscription> byCallId = new HashMap<>();

    void put(String callId, Subscription subscription) {
        byCallId.put(callId, subscription);
    }

    void remove(String callId, Subscription subscription) {
        byCallId.remove(callId, subscription);
    }

    /** The subscription a NOTIFY with this Call-ID and To tag belongs to, or null. */
    Subscription find(String callId, String toTag) {
        Subscription subscription = byCallId.get(callId);
        return subscription != null && subscription.isOurTag(toTag) ? subscription : null;
    }

    int size() {
        return byCallId.size();
    }
}
