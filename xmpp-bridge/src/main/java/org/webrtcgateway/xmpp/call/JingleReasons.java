package org.webrtcgateway.xmpp.call;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.element.JingleReason.Reason;

/**
 * XEP-0166's reasons and the {@code reason} of a browser's {@code bye}, both ways. Most conditions are already the
 * short words PROTOCOL.md uses ({@code busy}, {@code decline}, {@code gone}, {@code timeout}, {@code cancel}); the
 * rest keep their XEP-0166 name, which a client can switch on as well.
 */
public final class JingleReasons {

    private JingleReasons() {
    }

    /** The browser's {@code bye} reason for a Jingle reason; null (an ordinary hang-up) for success or none. */
    public static String toBye(JingleReason reason) {
        if (reason == null || reason.asEnum() == null) {
            return null;
        }
        return switch (reason.asEnum()) {
            case success -> null;
            case expired -> "timeout";
            case incompatible_parameters, unsupported_applications, unsupported_transports, failed_application -> "not-acceptable";
            default -> reason.asEnum().toString();
        };
    }

    /**
     * The Jingle reason for a browser's {@code bye} reason. An ordinary hang-up ({@code reason} null) is {@code success}
     * once the call was answered; before, the caller cancels and the callee declines.
     */
    public static JingleReason toJingle(String reason, boolean answered, boolean weInitiated) {
        if (reason == null) {
            return answered ? JingleReason.Success : weInitiated ? JingleReason.Cancel : JingleReason.Decline;
        }
        return switch (reason) {
            case "busy" -> JingleReason.Busy;
            case "decline" -> JingleReason.Decline;
            case "gone" -> JingleReason.Gone;
            case "timeout" -> JingleReason.Timeout;
            case "cancel" -> JingleReason.Cancel;
            case "not-acceptable" -> JingleReason.IncompatibleParameters;
            default -> known(reason);
        };
    }

    /** A reason that already is an XEP-0166 condition name passes as itself; anything else is a general error. */
    private static JingleReason known(String reason) {
        try {
            return new JingleReason(Reason.fromString(reason));
        } catch (IllegalArgumentException | NullPointerException e) {
            return JingleReason.GeneralError;
        }
    }
}
