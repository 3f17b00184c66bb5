package org.webrtcgateway.xmpp.jingle.ssma.provider;

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
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;

/**
 * Parses {@code <source/>}, alone or as a member of an {@code <ssrc-group/>}. A missing ssrc, or one that is not an
 * unsigned 32-bit number, is refused with a {@link SmackParsingException} saying so; unknown unprefixed attributes
 * and unknown children are kept, the children parsed by whatever provider is registered for them.
 */
public final class MediaSourceProvider extends ExtensionElementProvider<MediaSource> {

    public static final MediaSourceProvider INSTANCE = new MediaSourceProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public MediaSourceProvider() {
    }

    @Override
    public MediaSource parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        long ssrc = KeepingParser.requiredLongAttribute(parser, MediaSource.SSRC_ATTRIBUTE,
                "source must have an 'ssrc' attribute", MediaSource::requireValidSsrc, MediaSource::invalidSsrcMessage);
        Map<String, String> otherAttributes = KeepingParser.unprefixedOtherAttributes(parser,
                Set.of(MediaSource.SSRC_ATTRIBUTE));

        List<SourceParameter> parameters = new ArrayList<>();
        List<ExtensionElement> otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                (child, environment) -> SourceParameter.QNAME.equals(child.getQName()) && parameters.add(parseParameter(child)));
        return new MediaSource(ssrc, parameters, otherAttributes, otherChildren);
    }

    private static SourceParameter parseParameter(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = KeepingParser.presentAttribute(parser, SourceParameter.NAME_ATTRIBUTE,
                "source parameter must have a 'name' attribute");
        String value = parser.getAttributeValue("", SourceParameter.VALUE_ATTRIBUTE);
        // The schema gives <parameter/> no content; whatever a sender put there is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, depth);
        return new SourceParameter(name, value);
    }
}
