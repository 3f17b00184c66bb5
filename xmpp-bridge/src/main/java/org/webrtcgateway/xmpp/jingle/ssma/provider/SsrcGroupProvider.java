package org.webrtcgateway.xmpp.jingle.ssma.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredValueMissingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
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
        String semantics = parser.getAttributeValue("", SsrcGroup.SEMANTICS_ATTRIBUTE);
        if (semantics == null || semantics.isEmpty()) {
            throw new RequiredValueMissingException("ssrc-group must have a non-empty 'semantics' attribute");
        }
        Map<String, String> otherAttributes = otherAttributes(parser);

        List<MediaSource> sources = new ArrayList<>();
        List<ExtensionElement> otherChildren = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                if (MediaSource.QNAME.equals(parser.getQName())) {
                    sources.add(MediaSourceProvider.INSTANCE.parse(parser, xmlEnvironment));
                } else {
                    otherChildren.add(PacketParserUtils.parseExtensionElement(parser.getName(),
                            parser.getNamespace(), parser, xmlEnvironment));
                }
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new SsrcGroup(semantics, sources, otherAttributes, otherChildren);
    }

    private static Map<String, String> otherAttributes(XmlPullParser parser) {
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String name = parser.getAttributeName(i);
            // A namespaced attribute would need its prefix declaration carried along; none is known in practice.
            boolean unprefixed = parser.getAttributePrefix(i) == null || parser.getAttributePrefix(i).isEmpty();
            if (unprefixed && !name.equals(SsrcGroup.SEMANTICS_ATTRIBUTE)) {
                others.put(name, parser.getAttributeValue(i));
            }
        }
        return others;
    }
}
