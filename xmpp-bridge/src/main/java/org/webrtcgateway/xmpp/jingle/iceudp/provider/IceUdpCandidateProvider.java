package org.webrtcgateway.xmpp.jingle.iceudp.provider;

import static org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate.DESCRIPTION;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.XsdValues;

/**
 * Parses XEP-0176's {@code <candidate/>}. Candidates come from the network and end up in SDP handed to browsers and
 * SIP peers, so numbers outside their schema type, an unknown candidate type and missing required attributes are
 * refused with an {@link IllegalArgumentException} that names the attribute and the value. Attributes the schema does
 * not define are ignored, except {@code tcptype} (see {@link IceUdpCandidate.TcpType}).
 */
public final class IceUdpCandidateProvider extends ExtensionElementProvider<IceUdpCandidate> {

    public static final IceUdpCandidateProvider INSTANCE = new IceUdpCandidateProvider();

    /** Narrower than Provider's signature, so that the transport provider, which may not throw SmackParsingException, can call it. */
    @Override
    public IceUdpCandidate parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        IceUdpCandidate.Builder candidate = IceUdpCandidate.builder()
                .setComponent(XsdValues.parseUnsignedByte(DESCRIPTION, IceUdpCandidate.COMPONENT,
                        XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.COMPONENT)))
                .setFoundation(XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.FOUNDATION))
                // Required by XEP-0176, left out by StanzaJS: a candidate without one is of the first generation.
                .setGeneration(parser.getAttributeValue("", IceUdpCandidate.GENERATION) == null ? 0
                        : XsdValues.parseUnsignedByte(DESCRIPTION, IceUdpCandidate.GENERATION,
                                parser.getAttributeValue("", IceUdpCandidate.GENERATION)))
                // Required by XEP-0176, left out of StanzaJS's session-accept: one is made from what names the candidate.
                .setId(parser.getAttributeValue("", IceUdpCandidate.ID) != null ? parser.getAttributeValue("", IceUdpCandidate.ID)
                        : madeUpId(parser))
                .setIp(XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.IP))
                .setPort(XsdValues.parseUnsignedShort(DESCRIPTION, IceUdpCandidate.PORT,
                        XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.PORT)))
                .setPriority(XsdValues.parsePositiveInteger(DESCRIPTION, IceUdpCandidate.PRIORITY,
                        XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.PRIORITY)))
                .setProtocol(XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.PROTOCOL))
                .setType(IceUdpCandidate.Type.fromXmlValue(
                        XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.TYPE)));

        String network = XsdValues.optional(parser, IceUdpCandidate.NETWORK);
        if (network != null) {
            candidate.setNetwork(XsdValues.parseUnsignedByte(DESCRIPTION, IceUdpCandidate.NETWORK, network));
        }
        candidate.setRelatedAddress(XsdValues.optional(parser, IceUdpCandidate.RELATED_ADDRESS));
        String relatedPort = XsdValues.optional(parser, IceUdpCandidate.RELATED_PORT);
        if (relatedPort != null) {
            candidate.setRelatedPort(
                    XsdValues.parseUnsignedShort(DESCRIPTION, IceUdpCandidate.RELATED_PORT, relatedPort));
        }
        String tcpType = XsdValues.optional(parser, IceUdpCandidate.TCP_TYPE);
        if (tcpType != null) {
            candidate.setTcpType(IceUdpCandidate.TcpType.fromXmlValue(tcpType));
        }

        // The schema makes <candidate/> empty; skip whatever a peer put inside rather than misread it.
        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
        return candidate.build();
    }

    /** An id for a candidate that came without one: stable for its foundation, component, address and port. */
    private static String madeUpId(XmlPullParser parser) {
        String identity = parser.getAttributeValue("", IceUdpCandidate.FOUNDATION) + ' '
                + parser.getAttributeValue("", IceUdpCandidate.COMPONENT) + ' ' + parser.getAttributeValue("", IceUdpCandidate.IP)
                + ' ' + parser.getAttributeValue("", IceUdpCandidate.PORT);
        return "c" + Integer.toHexString(identity.hashCode());
    }
}
