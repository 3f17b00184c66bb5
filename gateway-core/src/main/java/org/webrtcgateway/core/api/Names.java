package org.webrtcgateway.core.api;

import java.util.regex.Pattern;

/** The identifier forms of PROTOCOL.md: user names, call ids, room names. */
public final class Names {

    /** 1 to 64 of {@code A-Za-z0-9._-@+}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._\\-@+]{1,64}");

    /** 1 to 64 of {@code A-Za-z0-9._-}. */
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    private Names() {
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean isValidCallId(String call) {
        return call != null && CALL_ID.matcher(call).matches();
    }

    /** Room names share the user-name form: safe in logs, URLs and, later, as XMPP MUC node names. */
    public static boolean isValidRoomName(String room) {
        return isValidName(room);
    }
}
