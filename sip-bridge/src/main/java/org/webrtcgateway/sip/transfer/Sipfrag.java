package org.webrtcgateway.sip.transfer;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * The {@code message/sipfrag} bodies of RFC 3515's NOTIFYs (RFC 3420): only their status line matters to a transfer,
 * the status of the call the referee placed.
 */
public final class Sipfrag {

    /** The MIME type's subtype, under {@code message}. */
    public static final String SUBTYPE = "sipfrag";

    /** RFC 3261's Status-Line; what follows it (headers of the fragment) is not needed. */
    private static final Pattern STATUS_LINE = Pattern.compile("\\ASIP/2\\.0 ([1-6][0-9]{2})(?: [^\\r\\n]*)?(?:\\r?\\n|\\z)");

    private Sipfrag() {
    }

    /** The status code of the fragment's status line, or empty when the body is no SIP response fragment. */
    public static OptionalInt status(String body) {
        if (body == null) {
            return OptionalInt.empty();
        }
        Matcher line = STATUS_LINE.matcher(body);
        return line.find() ? OptionalInt.of(Integer.parseInt(line.group(1))) : OptionalInt.empty();
    }

    /** The fragment that reports {@code status}: {@code SIP/2.0 200 OK} and its line end. */
    public static String of(int status) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("not a SIP status: " + status);
        }
        return "SIP/2.0 " + status + " " + SIPResponse.getReasonPhrase(status) + "\r\n";
    }

    /** How a status reads in a message to a person: {@code 486 Busy Here}. */
    public static String describe(int status) {
        return status + " " + SIPResponse.getReasonPhrase(status);
    }
}
