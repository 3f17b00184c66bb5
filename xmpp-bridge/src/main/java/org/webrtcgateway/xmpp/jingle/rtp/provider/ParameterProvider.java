package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.Parameter;

/** Parses XEP-0167's {@code <parameter/>} of a payload-type, whose value, unlike XEP-0293's, is required. */
public final class ParameterProvider extends ExtensionElementProvider<Parameter> {

    public static final ParameterProvider INSTANCE = new ParameterProvider();

    @Override
    public Parameter parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        String name = KeepingParser.requiredAttribute(parser, Parameter.NAME_ATTRIBUTE);
        String value = KeepingParser.requiredAttribute(parser, Parameter.VALUE_ATTRIBUTE);
        var otherAttributes = KeepingParser.otherAttributes(parser, Parameter.DEFINED_ATTRIBUTES);
        var otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        KeepingParser.NO_DEFINED_CHILD);
        return new Parameter(name, value, otherAttributes, otherChildren);
    }
}
