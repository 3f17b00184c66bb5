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
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;

/**
 * Parses {@code <ssrc-group/>}, its {@code <source/>} members by {@link MediaSourceProvider} (so a bad member ssrc
 * is refused the same way). A missing or empty semantics is refused; any other semantics token is accepted, see
 * {@link SsrcGroup}. Unknown unprefixed attributes and unknown children are kept.
 */
public final class SsrcGroupProvider extends ExtensionElementProvider<SsrcGroup> {

    public static final SsrcGroupProvider INSTANCE = new SsrcGroupProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public SsrcGroupProvider() {
    }

    @Override
    public SsrcGroup parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String semantics = KeepingParser.nonEmptyAttribute(parser, SsrcGroup.SEMANTICS_ATTRIBUTE,
                "ssrc-group must have a non-empty 'semantics' attribute");
        Map<String, String> otherAttributes = KeepingParser.unprefixedOtherAttributes(parser,
                Set.of(SsrcGroup.SEMANTICS_ATTRIBUTE));

        List<MediaSource> sources = new ArrayList<>();
        List<ExtensionElement> otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                (child, environment) -> MediaSource.QNAME.equals(child.getQName()) && sources.add(MediaSourceProvider.INSTANCE.parse(child, environment)));
        return new SsrcGroup(semantics, sources, otherAttributes, otherChildren);
    }
}
