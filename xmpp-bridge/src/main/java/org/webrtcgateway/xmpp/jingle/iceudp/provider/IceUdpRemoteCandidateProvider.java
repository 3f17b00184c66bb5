package org.webrtcgateway.xmpp.jingle.iceudp.provider;

import static org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate.DESCRIPTION;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpRemoteCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.XsdValues;

/** Parses XEP-0176's {@code <remote-candidate/>}, refusing what its schema refuses as the candidate provider does. */
public final class IceUdpRemoteCandidateProvider extends ExtensionElementProvider<IceUdpRemoteCandidate> {

    public static final IceUdpRemoteCandidateProvider INSTANCE = new IceUdpRemoteCandidateProvider();

    /** Narrower than Provider's signature, for the transport provider's sake (see IceUdpCandidateProvider). */
    @Override
    public IceUdpRemoteCandidate parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        int component = XsdValues.parseUnsignedByte(DESCRIPTION, IceUdpCandidate.COMPONENT,
                XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.COMPONENT));
        String ip = XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.IP);
        int port = XsdValues.parseUnsignedShort(DESCRIPTION, IceUdpCandidate.PORT,
                XsdValues.required(parser, DESCRIPTION, IceUdpCandidate.PORT));
        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
        return new IceUdpRemoteCandidate(component, ip, port);
    }
}
