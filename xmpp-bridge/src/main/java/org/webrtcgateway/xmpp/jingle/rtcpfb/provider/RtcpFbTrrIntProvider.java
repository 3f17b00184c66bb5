package org.webrtcgateway.xmpp.jingle.rtcpfb.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;

/** Parses XEP-0293's {@code <rtcp-fb-trr-int/>}, wherever it is (description or payload-type). */
public final class RtcpFbTrrIntProvider extends ExtensionElementProvider<RtcpFbTrrInt> {

    public static final RtcpFbTrrIntProvider INSTANCE = new RtcpFbTrrIntProvider();

    @Override
    public RtcpFbTrrInt parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        long value = KeepingParser.required(
                        KeepingParser.unsignedIntAttribute(parser, RtcpFbTrrInt.VALUE_ATTRIBUTE_NAME),
                        RtcpFbTrrInt.VALUE_ATTRIBUTE_NAME);
        var otherAttributes = KeepingParser.otherAttributes(parser, RtcpFbTrrInt.DEFINED_ATTRIBUTE_NAMES);
        var otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        KeepingParser.NO_DEFINED_CHILD);
        return new RtcpFbTrrInt(value, otherAttributes, otherChildren);
    }
}
