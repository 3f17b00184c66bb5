package org.webrtcgateway.xmpp.jingle.jmi.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.webrtcgateway.xmpp.jingle.common.JingleReasonParser;
import org.webrtcgateway.xmpp.jingle.common.KeepingParser;
import org.webrtcgateway.xmpp.jingle.common.OtherAttributes;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage.Action;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.rtp.provider.RtpDescriptionProvider;

/**
 * Parses the seven XEP-0353 elements into {@link JingleMessage}. Refused with a {@link SmackParsingException} saying
 * why, which makes Smack drop the stanza as unparseable: a missing or empty id, a propose without description, a
 * finish without reason, a malformed reason, a {@code <migrated/>} without 'to', a second reason, migrated or
 * tie-break. Other attributes and children are kept, those children parsed by the provider ProviderManager has for
 * them, else generically.
 *
 * <p>A reject or retract without reason is accepted although XEP-0353 0.7 requires one: reasons came with version 0.4,
 * and 0.6 went back to the namespace of 0.3 precisely to stay compatible with the clients that still send none. Finish
 * came with reasons, so its reason stays required.
 */
public final class JingleMessageProvider extends ExtensionElementProvider<JingleMessage> {

    public static final JingleMessageProvider INSTANCE = new JingleMessageProvider();

    /** Public for Smack's reflective provider loading; {@link #INSTANCE} serves otherwise. */
    public JingleMessageProvider() {
    }

    @Override
    public JingleMessage parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        Action action = Action.forElementName(parser.getName());
        if (action == null || !JingleMessage.NAMESPACE.equals(parser.getNamespace())) {
            throw new SmackParsingException("Not a XEP-0353 element: <" + parser.getName() + " xmlns='"
                    + parser.getNamespace() + "'/>");
        }
        String id = KeepingParser.nonEmptyAttribute(parser, JingleMessage.ID_ATTRIBUTE,
                "<" + action + "/> must have a non-empty 'id' attribute, the Jingle session id");
        OtherAttributes otherAttributes = KeepingParser.otherAttributes(parser, JingleMessage.DEFINED_ATTRIBUTE_NAMES);

        DefinedChildren defined = new DefinedChildren(action);
        List<ExtensionElement> otherChildren = KeepingParser.parseChildElements(parser, initialDepth, xmlEnvironment,
                defined::parseIfDefined);
        if (action == Action.finish && defined.reason == null) {
            throw new SmackParsingException("<finish/> must have a <reason/>");
        }
        try {
            return new JingleMessage(action, id, defined.descriptions, defined.reason, defined.migratedTo,
                    defined.tieBreak, otherAttributes, otherChildren);
        } catch (IllegalArgumentException invalid) {
            throw KeepingParser.refused(invalid.getMessage(), invalid);
        }
    }

    /** The children XEP-0353 gives the action; collected here while the others are kept. */
    private static final class DefinedChildren {

        private final Action action;
        private final List<RtpDescription> descriptions = new ArrayList<>();
        private JingleReason reason;
        private String migratedTo;
        private boolean tieBreak;

        DefinedChildren(Action action) {
            this.action = action;
        }

        boolean parseIfDefined(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            if (action == Action.propose && RtpDescription.QNAME.equals(parser.getQName())) {
                // Read here rather than through ProviderManager, so that it is typed even if JingleRtp's providers
                // were not registered.
                descriptions.add(RtpDescriptionProvider.INSTANCE.parse(parser, xmlEnvironment));
                return true;
            }
            if (action.carriesReason() && JingleReason.ELEMENT.equals(name)
                    && JingleReason.NAMESPACE.equals(namespace)) {
                refuseSecond(reason != null, name);
                reason = JingleReasonParser.parse(parser, xmlEnvironment);
                return true;
            }
            if (!JingleMessage.NAMESPACE.equals(namespace)) {
                return false;
            }
            if (action == Action.finish && JingleMessage.MIGRATED_ELEMENT.equals(name)) {
                refuseSecond(migratedTo != null, name);
                migratedTo = KeepingParser.nonEmptyAttribute(parser, JingleMessage.MIGRATED_TO_ATTRIBUTE,
                        "<migrated/> must have a non-empty 'to' attribute, the new Jingle session id");
            } else if (action.carriesTieBreak() && JingleMessage.TIE_BREAK_ELEMENT.equals(name)) {
                refuseSecond(tieBreak, name);
                tieBreak = true;
            } else {
                return false;
            }
            // Both are empty in XEP-0353's schema; anything inside is skipped.
            ParserUtils.forwardToEndTagOfDepth(parser, parser.getDepth());
            return true;
        }

        private void refuseSecond(boolean seen, String name) throws SmackParsingException {
            if (seen) {
                throw new SmackParsingException("<" + action + "/> may have one <" + name + "/>");
            }
        }
    }
}
