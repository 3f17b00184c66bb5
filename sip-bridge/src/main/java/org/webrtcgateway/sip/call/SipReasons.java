package org.webrtcgateway.sip.call;

/**
 * SIP status codes and the {@code reason} of a browser's {@code bye}, both ways. The reasons are
 * short words a client can switch on; PROTOCOL.md already uses {@code busy}, {@code decline} and
 * {@code gone}.
 */
public final class SipReasons {

    public static final String TIMEOUT = "timeout";
    public static final String CANCEL = "cancel";
    public static final String UNREACHABLE = "unreachable";
    /** The gateway is short of memory and takes no new SIP calls for now. */
    public static final String OVERLOADED = "overloaded";
    /** The call was handed on to someone else (a REFER): PROTOCOL.md's {@code transferred}. */
    public static final String TRANSFERRED = "transferred";

    private SipReasons() {
    }

    /** The {@code bye} reason for a final failure response to an INVITE. */
    public static String forStatus(int status) {
        return switch (status) {
            case 486, 600 -> "busy";
            case 603 -> "decline";
            case 404, 604 -> "not-found";
            case 480, 410 -> "unavailable";
            case 408 -> TIMEOUT;
            case 487 -> CANCEL;
            case 401, 403, 407 -> "forbidden";
            case 484 -> "address-incomplete";
            case 488, 606 -> "not-acceptable";
            default -> status >= 500 && status < 600 ? "server-error" : "failed";
        };
    }

    /** The final response to an INVITE a browser ends before answering, from its {@code bye}/{@code reject} reason. */
    public static int statusForReason(String reason) {
        if (reason == null) {
            return 603;
        }
        return switch (reason) {
            case "busy" -> 486;
            case "gone", "unavailable" -> 480;
            default -> 603;
        };
    }
}
