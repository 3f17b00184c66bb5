package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;
import java.util.ArrayList;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.Bandwidth;

/** Parses XEP-0167's {@code <bandwidth type='..'>value</bandwidth>}. */
public final class BandwidthProvider extends ExtensionElementProvider<Bandwidth> {

    public static final BandwidthProvider INSTANCE = new BandwidthProvider();

    @Override
    public Bandwidth parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        String type = KeepingParser.requiredAttribute(parser, Bandwidth.TYPE_ATTRIBUTE_NAME);
        var otherAttributes = KeepingParser.otherAttributes(parser, Bandwidth.DEFINED_ATTRIBUTE_NAMES);
        StringBuilder value = new StringBuilder();
        var otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        KeepingParser.NO_DEFINED_CHILD, new ArrayList<>(), value);
        // The white space of pretty-printed XML is not part of the value.
        return new Bandwidth(type, value.toString().strip(), otherAttributes, otherChildren);
    }
}
