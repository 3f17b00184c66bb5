package org.webrtcgateway.xmpp.jingle.dtls.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;

/**
 * Parses XEP-0320's {@code <fingerprint/>}. Values that break the schema are refused with an
 * {@link IllegalArgumentException} naming the attribute and the value: this element arrives from the network, and an
 * invalid fingerprint would only fail later, less clearly, in the DTLS handshake. (An IllegalArgumentException rather
 * than Smack's SmackParsingException because the ICE-UDP transport provider that reaches this one through
 * PacketParserUtils may not throw the latter; Smack's connection reports both as an unparseable stanza.)
 */
public final class DtlsFingerprintProvider extends ExtensionElementProvider<DtlsFingerprint> {

    public static final DtlsFingerprintProvider INSTANCE = new DtlsFingerprintProvider();

    @Override
    public DtlsFingerprint parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String hashFunction = parser.getAttributeValue("", DtlsFingerprint.HASH_ATTRIBUTE);
        String setupValue = parser.getAttributeValue("", DtlsFingerprint.SETUP_ATTRIBUTE);
        if (setupValue == null) {
            throw new IllegalArgumentException(DtlsFingerprint.DESCRIPTION + " lacks the required attribute '"
                    + DtlsFingerprint.SETUP_ATTRIBUTE + "'");
        }
        DtlsFingerprint.Setup setup = DtlsFingerprint.Setup.fromXmlValue(setupValue.strip());
        // The schema gives <fingerprint/> simple content: a child element makes nextText() throw, which is right.
        String fingerprint = parser.nextText();
        return new DtlsFingerprint(hashFunction, setup, fingerprint);
    }
}
