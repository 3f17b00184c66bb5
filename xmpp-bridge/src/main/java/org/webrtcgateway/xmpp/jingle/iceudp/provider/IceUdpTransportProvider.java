package org.webrtcgateway.xmpp.jingle.iceudp.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.provider.JingleContentTransportProvider;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.iceudp.element.XsdValues;

/**
 * Parses XEP-0176's {@code <transport/>}; registered with Smack's JingleContentProviderManager (see
 * {@link org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports}) so that Smack's JingleProvider hands it the transports of this namespace.
 *
 * <p>Candidates and the remote-candidate are parsed here; every other child goes through
 * {@code PacketParserUtils.parseExtensionElement}, i.e. to the provider registered in Smack's ProviderManager for it
 * (XEP-0320's fingerprint, ...) or else into a StandardExtensionElement, so nothing is lost.
 *
 * <p>Invalid content is refused with an {@link IllegalArgumentException}: Smack's JingleContentTransportProvider
 * declares no SmackParsingException, and Smack's connection treats an IllegalArgumentException from parsing as it
 * treats SmackParsingException (the stanza becomes an UnparseableStanza for the parsing exception callback).
 */
public final class IceUdpTransportProvider extends JingleContentTransportProvider<IceUdpTransport> {

    public static final IceUdpTransportProvider INSTANCE = new IceUdpTransportProvider();

    @Override
    public IceUdpTransport parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws IOException, XmlPullParserException {
        IceUdpTransport.Builder transport = IceUdpTransport.builder()
                .setUfrag(XsdValues.optional(parser, IceUdpTransport.UFRAG))
                .setPwd(XsdValues.optional(parser, IceUdpTransport.PWD));

        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
            if (event != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            String name = parser.getName();
            String namespace = parser.getNamespace();
            int depth = parser.getDepth();
            if (IceUdpTransport.NAMESPACE.equals(namespace) && IceUdpCandidate.ELEMENT.equals(name)) {
                transport.addCandidate(IceUdpCandidateProvider.INSTANCE.parse(parser, depth, xmlEnvironment));
            } else if (IceUdpTransport.NAMESPACE.equals(namespace) && IceUdpRemoteCandidate.ELEMENT.equals(name)) {
                transport.setRemoteCandidate(
                        IceUdpRemoteCandidateProvider.INSTANCE.parse(parser, depth, xmlEnvironment));
            } else {
                transport.addExtension(parseExtension(parser, name, namespace, xmlEnvironment));
            }
        }
        return transport.build();
    }

    private static ExtensionElement parseExtension(XmlPullParser parser, String name, String namespace,
            XmlEnvironment xmlEnvironment) throws XmlPullParserException, IOException {
        try {
            return PacketParserUtils.parseExtensionElement(name, namespace, parser, xmlEnvironment);
        } catch (SmackParsingException invalidChild) {
            throw new IllegalArgumentException(
                    IceUdpTransport.DESCRIPTION + " has an invalid <" + name + " xmlns='" + namespace + "'/> child: "
                            + invalidChild.getMessage(), invalidChild);
        }
    }
}
