package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.rtp.element.Parameter;

/** Parses XEP-0167's {@code <parameter/>} of a payload-type (a missing value is taken: see {@link Parameter}). */
public final class ParameterProvider extends ExtensionElementProvider<Parameter> {

    public static final ParameterProvider INSTANCE = new ParameterProvider();

    @Override
    public Parameter parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                    throws XmlPullParserException, IOException, SmackParsingException {
        String name = KeepingParser.requiredAttribute(parser, Parameter.NAME_ATTRIBUTE);
        String value = parser.getAttributeValue("", Parameter.VALUE_ATTRIBUTE); // optional in practice: see Parameter
        var otherAttributes = KeepingParser.otherAttributes(parser, Parameter.DEFINED_ATTRIBUTES);
        var otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                        KeepingParser.NO_DEFINED_CHILD);
        return new Parameter(name, value, otherAttributes, otherChildren);
    }
}
