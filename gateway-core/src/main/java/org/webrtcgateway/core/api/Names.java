package org.webrtcgateway.core.api;

/** The identifier forms of PROTOCOL.md: user names, call ids, room names. */
public final class Names {

    private static final int MAX_LENGTH = 64;

    private Names() {
    }

    /** 1 to 64 of {@code A-Za-z0-9._-@+}. (A loop, not a regex: this runs for every message.) */
    public static boolean isValidName(String name) {
        return consistsOf(name, true);
    }

    /** 1 to 64 of {@code A-Za-z0-9._-}. */
    public static boolean isValidCallId(String call) {
        return consistsOf(call, false);
    }

    private static boolean consistsOf(String text, boolean atAndPlus) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || (atAndPlus && (c == '@' || c == '+'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Room names share the user-name form: safe in logs, URLs and, later, as XMPP MUC node names. */
    public static boolean isValidRoomName(String room) {
        return isValidName(room);
    }
}
