package org.webrtcgateway.xmpp.jingle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.StandardExtensionElementProvider;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.webrtcgateway.xmpp.jingle.common.JingleReasonParser;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentDescription;
import org.jivesoftware.smackx.jingle.element.UnknownJingleContentTransport;
import org.jivesoftware.smackx.jingle.provider.JingleContentDescriptionProvider;
import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;
import org.jivesoftware.smackx.jingle.provider.JingleContentTransportProvider;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Parses {@code <jingle xmlns='urn:xmpp:jingle:1'/>} into a {@link JingleIq}, in place of Smack 4.4.8's
 * {@code JingleProvider}, which tells children apart by name alone, walks into those it does not know (so a XEP-0338
 * {@code <group/>}'s {@code <content name/>} became a Jingle content without creator and a NullPointerException that
 * closes the connection), and drops them.
 *
 * <p>Children are matched by name and namespace: {@code <content/>} and {@code <reason/>} of XEP-0166 here, every
 * other child whole, by the provider ProviderManager has for it or else as a generic element. A content's description
 * and transport go to the providers JingleContentProviderManager has for their namespace, else are kept generically;
 * other children of a content are skipped, since Smack's {@link JingleContent} has no place for them.
 *
 * <p>Garbage from the network is refused with a {@link SmackParsingException} saying what is wrong, which Smack's
 * connection reports as an unparseable stanza: also what the description and transport providers refuse with an
 * IllegalArgumentException (Smack's provider types do not let them throw SmackParsingException).
 */
public final class JingleIqProvider extends IqProvider<JingleIq> {

    public static final JingleIqProvider INSTANCE = new JingleIqProvider();

    private static final String CONTENT = "content";
    private static final String REASON = "reason";
    private static final String DESCRIPTION = "description";
    private static final String TRANSPORT = "transport";

    @Override
    public JingleIq parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        JingleAction action = parseAction(parser);
        String sessionId = parser.getAttributeValue("", JingleIq.SESSION_ID_ATTRIBUTE);
        if (sessionId == null || sessionId.isEmpty()) {
            throw new SmackParsingException("<jingle/> must have a non-empty 'sid' attribute");
        }
        FullJid initiator = parseFullJid(parser, JingleIq.INITIATOR_ATTRIBUTE);
        FullJid responder = parseFullJid(parser, JingleIq.RESPONDER_ATTRIBUTE);

        List<FullyQualifiedElement> children = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                children.add(parseChild(parser, xmlEnvironment));
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("The document ended inside <jingle/>");
            }
        }
        try {
            return new JingleIq(iqData, action, sessionId, initiator, responder, children);
        } catch (IllegalArgumentException invalid) {
            throw refusal(invalid.getMessage(), invalid);
        }
    }

    private static JingleAction parseAction(XmlPullParser parser) throws SmackParsingException {
        String action = parser.getAttributeValue("", JingleIq.ACTION_ATTRIBUTE);
        if (action == null) {
            throw new SmackParsingException("<jingle/> must have an 'action' attribute");
        }
        try {
            return JingleAction.fromString(action);
        } catch (IllegalArgumentException unknown) {
            throw refusal("<jingle/> has an unknown action '" + action + "'", unknown);
        }
    }

    private static FullJid parseFullJid(XmlPullParser parser, String attribute) throws SmackParsingException {
        String jid = parser.getAttributeValue("", attribute);
        if (jid == null) {
            return null;
        }
        try {
            return JidCreate.fullFrom(jid);
        } catch (XmppStringprepException | IllegalArgumentException notAFullJid) {
            throw refusal("<jingle/> attribute '" + attribute + "' is not a full JID: '" + jid + "'", notAFullJid);
        }
    }

    /** One child of {@code <jingle/>}, the parser at its start tag; returns at its end tag. */
    private static FullyQualifiedElement parseChild(XmlPullParser parser, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String name = parser.getName();
        String namespace = parser.getNamespace();
        if (JingleIq.NAMESPACE.equals(namespace) && CONTENT.equals(name)) {
            return parseContent(parser, xmlEnvironment);
        }
        if (JingleIq.NAMESPACE.equals(namespace) && REASON.equals(name)) {
            return JingleReasonParser.parse(parser, xmlEnvironment);
        }
        return PacketParserUtils.parseExtensionElement(name, namespace, parser, xmlEnvironment);
    }

    private static JingleContent parseContent(XmlPullParser parser, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String name = parser.getAttributeValue("", JingleContent.NAME_ATTRIBUTE_NAME);
        if (name == null || name.isEmpty()) {
            throw new SmackParsingException("<content/> must have a non-empty 'name' attribute");
        }
        String what = "<content name='" + name + "'/>";
        JingleContent.Builder content = JingleContent.getBuilder()
                .setName(name)
                .setCreator(parseEnum(parser, JingleContent.Creator.class, JingleContent.CREATOR_ATTRIBUTE_NAME,
                        true, what))
                .setSenders(parseEnum(parser, JingleContent.Senders.class, JingleContent.SENDERS_ATTRIBUTE_NAME,
                        false, what))
                .setDisposition(parser.getAttributeValue("", JingleContent.DISPOSITION_ATTRIBUTE_NAME));

        boolean hasDescription = false;
        boolean hasTransport = false;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                break;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("The document ended inside " + what);
            }
            if (event != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            String child = parser.getName();
            try {
                if (DESCRIPTION.equals(child) && !hasDescription) {
                    content.setDescription(parseDescription(parser, xmlEnvironment));
                    hasDescription = true;
                } else if (TRANSPORT.equals(child) && !hasTransport) {
                    content.setTransport(parseTransport(parser, xmlEnvironment));
                    hasTransport = true;
                } else if (DESCRIPTION.equals(child) || TRANSPORT.equals(child)) {
                    throw new SmackParsingException(what + " has a second <" + child + "/>");
                } else {
                    ParserUtils.forwardToEndTagOfDepth(parser, parser.getDepth());
                }
            } catch (IllegalArgumentException invalid) {
                throw refusal(what + " has an invalid <" + child + "/>: " + invalid.getMessage(), invalid);
            }
        }
        return content.build();
    }

    /**
     * A description (and a transport) by the provider for its namespace; one without a namespace ({@code xmlns=''})
     * is kept generically. Found by JingleToSdpFuzzTest: the registry's lookup of a null namespace threw a
     * NullPointerException, which Smack's reader does not catch, so one such stanza ended the XMPP connection.
     */
    private static JingleContentDescription parseDescription(XmlPullParser parser, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String namespace = parser.getNamespace();
        JingleContentDescriptionProvider<?> provider = namespace == null || namespace.isEmpty() ? null
                : JingleContentProviderManager.getJingleContentDescriptionProvider(namespace);
        if (provider == null) {
            return new UnknownJingleContentDescription(
                    StandardExtensionElementProvider.INSTANCE.parse(parser, xmlEnvironment));
        }
        return provider.parse(parser, xmlEnvironment);
    }

    private static JingleContentTransport parseTransport(XmlPullParser parser, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String namespace = parser.getNamespace();
        JingleContentTransportProvider<?> provider = namespace == null || namespace.isEmpty() ? null
                : JingleContentProviderManager.getJingleContentTransportProvider(namespace);
        if (provider == null) {
            return new UnknownJingleContentTransport(
                    StandardExtensionElementProvider.INSTANCE.parse(parser, xmlEnvironment));
        }
        return provider.parse(parser, xmlEnvironment);
    }


    private static <E extends Enum<E>> E parseEnum(XmlPullParser parser, Class<E> type, String attribute,
            boolean required, String what) throws SmackParsingException {
        String value = parser.getAttributeValue("", attribute);
        if (value == null) {
            if (required) {
                throw new SmackParsingException(what + " must have a '" + attribute + "' attribute");
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw refusal(what + " attribute '" + attribute + "' has the unknown value '" + value + "'", unknown);
        }
    }

    private static SmackParsingException refusal(String message, Exception cause) {
        SmackParsingException refusal = new SmackParsingException(message);
        refusal.initCause(cause);
        return refusal;
    }
}
