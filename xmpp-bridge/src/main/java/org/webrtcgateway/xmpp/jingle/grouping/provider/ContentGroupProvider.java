package org.webrtcgateway.xmpp.jingle.grouping.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;

/**
 * Parses {@code <group/>}. A missing or empty semantics, or a {@code <content/>} without a name, is refused with a
 * {@link SmackParsingException} saying so; unknown unprefixed attributes and unknown children are kept, the children
 * parsed by whatever provider is registered for them.
 */
public final class ContentGroupProvider extends ExtensionElementProvider<ContentGroup> {

    public static final ContentGroupProvider INSTANCE = new ContentGroupProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public ContentGroupProvider() {
    }

    @Override
    public ContentGroup parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String semantics = KeepingParser.nonEmptyAttribute(parser, ContentGroup.SEMANTICS_ATTRIBUTE,
                "group must have a non-empty 'semantics' attribute");
        Map<String, String> otherAttributes = KeepingParser.unprefixedOtherAttributes(parser,
                Set.of(ContentGroup.SEMANTICS_ATTRIBUTE));

        List<String> contentNames = new ArrayList<>();
        List<ExtensionElement> otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                (child, environment) -> ContentGroup.CONTENT_QNAME.equals(child.getQName()) && contentNames.add(parseContentName(child)));
        return new ContentGroup(semantics, contentNames, otherAttributes, otherChildren);
    }

    private static String parseContentName(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = KeepingParser.nonEmptyAttribute(parser, ContentGroup.CONTENT_NAME_ATTRIBUTE,
                "group content must have a non-empty 'name' attribute");
        // The XEP gives <content/> nothing but its name; whatever else a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return name;
    }
}
