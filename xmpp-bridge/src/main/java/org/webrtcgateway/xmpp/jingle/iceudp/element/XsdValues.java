package org.webrtcgateway.xmpp.jingle.iceudp.element;

import java.math.BigInteger;

import org.jivesoftware.smack.xml.XmlPullParser;

/**
 * Reads and checks attribute values against the XML Schema types XEP-0176's schema gives them. Every refusal is an
 * {@link IllegalArgumentException} that names the element, the attribute, what was expected and what came, because
 * these values come from the network and whoever reads the log needs to see which peer sent what.
 *
 * <p>Public because both sides apply these checks: the builders here and the providers in {@code iceudp.provider}.
 */
public final class XsdValues {

    private static final BigInteger UNSIGNED_BYTE_MAX = BigInteger.valueOf(255);
    private static final BigInteger UNSIGNED_SHORT_MAX = BigInteger.valueOf(65_535);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private XsdValues() {
    }

    /** A required attribute; an empty value counts as missing, since none of XEP-0176's attributes can be empty. */
    public static String required(XmlPullParser parser, String element, String attribute) {
        String value = parser.getAttributeValue("", attribute);
        if (value == null || value.isEmpty()) {
            throw missing(element, attribute);
        }
        return value;
    }

    /** An optional attribute, {@code null} if absent. */
    public static String optional(XmlPullParser parser, String attribute) {
        return parser.getAttributeValue("", attribute);
    }

    public static IllegalArgumentException missing(String element, String attribute) {
        return new IllegalArgumentException(element + " lacks the required attribute '" + attribute + "'");
    }

    public static int parseUnsignedByte(String element, String attribute, String value) {
        return parseInRange(element, attribute, value, BigInteger.ZERO, UNSIGNED_BYTE_MAX, "an unsignedByte (0 to 255)")
                .intValueExact();
    }

    public static int parseUnsignedShort(String element, String attribute, String value) {
        return parseInRange(element, attribute, value, BigInteger.ZERO, UNSIGNED_SHORT_MAX,
                "an unsignedShort (0 to 65535)").intValueExact();
    }

    /**
     * xs:positiveInteger has no upper bound; a {@code long} is the bound here, far above the 2^31-1 RFC 8445 allows
     * an ICE priority, so that what the schema accepts is accepted (XEP-0176's own examples exceed RFC 8445's bound).
     */
    public static long parsePositiveInteger(String element, String attribute, String value) {
        return parseInRange(element, attribute, value, BigInteger.ONE, LONG_MAX,
                "a positiveInteger (1 to " + Long.MAX_VALUE + ")").longValueExact();
    }

    public static int checkUnsignedByte(String element, String attribute, int value) {
        return checkRange(element, attribute, value, 0, 255, "an unsignedByte (0 to 255)");
    }

    public static int checkUnsignedShort(String element, String attribute, int value) {
        return checkRange(element, attribute, value, 0, 65_535, "an unsignedShort (0 to 65535)");
    }

    public static long checkPositiveInteger(String element, String attribute, long value) {
        if (value < 1) {
            throw outOfRange(element, attribute, Long.toString(value), "a positiveInteger (1 or more)");
        }
        return value;
    }

    private static int checkRange(String element, String attribute, int value, int min, int max, String expected) {
        if (value < min || value > max) {
            throw outOfRange(element, attribute, Integer.toString(value), expected);
        }
        return value;
    }

    private static BigInteger parseInRange(String element, String attribute, String value, BigInteger min,
            BigInteger max, String expected) {
        if (value == null) {
            throw missing(element, attribute);
        }
        BigInteger number;
        try {
            // XML Schema's integer types collapse white space and allow a sign and leading zeros; BigInteger
            // accepts exactly that lexical space once stripped.
            number = new BigInteger(value.strip());
        } catch (NumberFormatException notANumber) {
            throw outOfRange(element, attribute, value, expected);
        }
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw outOfRange(element, attribute, value, expected);
        }
        return number;
    }

    private static IllegalArgumentException outOfRange(String element, String attribute, String value,
            String expected) {
        return new IllegalArgumentException(
                element + " attribute '" + attribute + "' must be " + expected + ", but is '" + value + "'");
    }
}
