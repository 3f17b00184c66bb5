package org.webrtcgateway.xmpp.jingle.dtls.element;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * {@code <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>02:1A:...:B2</fingerprint>}
 * (XEP-0320): the certificate fingerprint the DTLS handshake will present (SDP {@code a=fingerprint}, RFC 8122) and
 * the DTLS role (SDP {@code a=setup}, RFC 4145 / RFC 5763). Immutable; every instance is valid.
 */
public final class DtlsFingerprint implements ExtensionElement {

    public static final String ELEMENT = "fingerprint";
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:dtls:0";

    public static final String HASH_ATTRIBUTE = "hash";
    public static final String SETUP_ATTRIBUTE = "setup";

    /** Where the messages of refused values point to. */
    public static final String DESCRIPTION = "XEP-0320 <fingerprint/>";

    /**
     * RFC 8122's {@code fingerprint = 2UHEX *(":" 2UHEX)}. Lower case is accepted as well: the fingerprint is compared
     * as bytes, and refusing a call over the case of its hex digits would help nobody.
     */
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*");

    /** The DTLS role, XEP-0320's 'setup' attribute (the values of SDP's a=setup). */
    public enum Setup {
        ACTIVE("active"),
        PASSIVE("passive"),
        ACTPASS("actpass"),
        /** Defined by the schema, but XEP-0320 maps no SDP to it: a peer should not send it. */
        HOLDCONN("holdconn");

        private final String xmlValue;

        Setup(String xmlValue) {
            this.xmlValue = xmlValue;
        }

        public String getXmlValue() {
            return xmlValue;
        }

        /**
         * @throws IllegalArgumentException if {@code xmlValue} is none of the schema's values
         */
        public static Setup fromXmlValue(String xmlValue) {
            for (Setup setup : values()) {
                if (setup.xmlValue.equals(xmlValue)) {
                    return setup;
                }
            }
            throw new IllegalArgumentException(DESCRIPTION + " attribute '" + SETUP_ATTRIBUTE
                    + "' must be one of active, passive, actpass, holdconn, but is '" + xmlValue + "'");
        }
    }

    private final String hashFunction;
    private final Setup setup;
    private final String fingerprint;

    /**
     * @param hashFunction the 'hash' attribute, an RFC 8122 hash function name such as {@code sha-256}
     * @param setup        the 'setup' attribute
     * @param fingerprint  the text: colon-separated hex pairs; surrounding white space (XEP-0320's examples indent
     *                     it on its own line) is dropped
     * @throws IllegalArgumentException if a value is missing or the fingerprint is not hex pairs
     */
    public DtlsFingerprint(String hashFunction, Setup setup, String fingerprint) {
        if (hashFunction == null || hashFunction.isBlank()) {
            throw new IllegalArgumentException(DESCRIPTION + " lacks the required attribute '" + HASH_ATTRIBUTE + "'");
        }
        if (setup == null) {
            throw new IllegalArgumentException(DESCRIPTION + " lacks the required attribute '" + SETUP_ATTRIBUTE + "'");
        }
        String trimmed = fingerprint == null ? "" : fingerprint.strip();
        if (!HEX_PAIRS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(DESCRIPTION + " must contain colon-separated hex pairs"
                    + " (such as 02:1A:CC), but contains '" + fingerprint + "'");
        }
        this.hashFunction = hashFunction.strip();
        this.setup = setup;
        this.fingerprint = trimmed;
    }

    /** The hash function's name as sent, e.g. {@code sha-256}. */
    public String getHashFunction() {
        return hashFunction;
    }

    public Setup getSetup() {
        return setup;
    }

    /** The colon-separated hex pairs, as sent but without surrounding white space. */
    public String getFingerprint() {
        return fingerprint;
    }

    /** SDP's {@code a=fingerprint:} value, {@code sha-256 02:1A:...}, with the hex digits in upper case as RFC 8122 writes them. */
    public String toSdpValue() {
        return hashFunction + ' ' + fingerprint.toUpperCase(Locale.ROOT);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingXmlEnvironment) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingXmlEnvironment);
        xml.attribute(HASH_ATTRIBUTE, hashFunction);
        xml.attribute(SETUP_ATTRIBUTE, setup.getXmlValue());
        xml.rightAngleBracket();
        xml.escape(fingerprint);
        xml.closeElement(this);
        return xml;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DtlsFingerprint)) {
            return false;
        }
        DtlsFingerprint that = (DtlsFingerprint) other;
        // Fingerprints are bytes and hash names are case-insensitive (RFC 8122): compare them so.
        return hashFunction.equalsIgnoreCase(that.hashFunction)
                && setup == that.setup
                && fingerprint.equalsIgnoreCase(that.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashFunction.toLowerCase(Locale.ROOT), setup, fingerprint.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "DtlsFingerprint[" + hashFunction + ' ' + fingerprint + ", setup=" + setup.getXmlValue() + ']';
    }
}
