package org.webrtcgateway.sip.call;

import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;

import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;

/**
 * Which SIP targets trickle ICE over SIP (RFC 8840): learned from their messages (a response or
 * request listing {@code trickle-ice} in both Supported and Recv-Info), so later calls to them send
 * the INVITE at once and the browser's candidates as INFO instead of waiting for the gathering
 * deadline. Bounded (least recently learned forgotten first). Bridge thread only.
 */
public final class TrickleSupport {

    public static final String TAG = "trickle-ice";
    private static final int MAX_TARGETS = 1000;

    private final Map<String, Boolean> targets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_TARGETS;
        }
    };

    public boolean isKnown(String target) {
        return targets.getOrDefault(target, false);
    }

    /** Records what {@code message} from {@code target} says about its trickle support. */
    public void learn(String target, Message message) {
        if (announces(message)) {
            targets.put(target, true);
        }
    }

    /** RFC 8840 section 4.1: Supported and Recv-Info both list trickle-ice. */
    public static boolean announces(Message message) {
        return lists(message, SupportedHeader.NAME) && lists(message, "Recv-Info");
    }

    private static boolean lists(Message message, String header) {
        for (ListIterator<?> it = message.getHeaders(header); it.hasNext(); ) {
            String value = it.next().toString();
            int colon = value.indexOf(':');
            for (String item : value.substring(colon + 1).split(",")) {
                if (item.trim().equalsIgnoreCase(TAG)) {
                    return true;
                }
            }
        }
        return false;
    }
}
