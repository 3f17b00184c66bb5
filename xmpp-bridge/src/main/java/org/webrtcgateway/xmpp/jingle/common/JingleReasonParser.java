package org.webrtcgateway.xmpp.jingle.common;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * Reads XEP-0166's {@code <reason/>} strictly: exactly one condition, at most one {@code <text/>} and at most one
 * element of another namespace, as XEP-0166's schema has it, and an {@code <alternative-session/>} with a non-empty
 * {@code <sid/>}. Refused otherwise with a {@link SmackParsingException} saying what is wrong: Smack 4.4.8's
 * {@code JingleProvider.parseJingleReason} accepts a reason without condition (which later fails to write), throws an
 * unchecked exception on an unknown one and misses the alternative sid after white space; and Smack's
 * {@link JingleReason} has one slot for text and one for the detail, so a second one could only be dropped.
 *
 * <p>One reader for every {@code <reason/>}: inside {@code <jingle/>} (XEP-0166) and in XEP-0353's messages.
 */
public final class JingleReasonParser {

    private static final String TEXT = JingleReason.TEXT_ELEMENT;
    private static final String ALTERNATIVE_SESSION = "alternative-session";

    private JingleReasonParser() {
    }

    /** The parser at the start tag of {@code <reason/>}; returns at its end tag. */
    public static JingleReason parse(XmlPullParser parser, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        JingleReason.Reason condition = null;
        String text = null;
        String alternativeSessionId = null;
        ExtensionElement detail = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                break;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("The document ended inside <reason/>");
            }
            if (event != XmlPullParser.Event.START_ELEMENT) {
                continue;
            }
            String name = parser.getName();
            if (!JingleReason.NAMESPACE.equals(parser.getNamespace())) {
                if (detail != null) {
                    throw new SmackParsingException("<reason/> may have one element of another namespace, not <"
                            + detail.getElementName() + "/> and <" + name + "/>");
                }
                detail = PacketParserUtils.parseExtensionElement(name, parser.getNamespace(), parser, xmlEnvironment);
            } else if (TEXT.equals(name)) {
                if (text != null) {
                    throw new SmackParsingException("<reason/> may have one <text/>");
                }
                text = parser.nextText();
            } else {
                if (condition != null) {
                    throw new SmackParsingException("<reason/> has two conditions, <" + condition + "/> and <"
                            + name + "/>");
                }
                condition = parseCondition(name);
                if (ALTERNATIVE_SESSION.equals(name)) {
                    alternativeSessionId = parseAlternativeSessionId(parser);
                } else {
                    ParserUtils.forwardToEndTagOfDepth(parser, parser.getDepth());
                }
            }
        }
        if (condition == null) {
            throw new SmackParsingException("<reason/> lacks a condition element");
        }
        return alternativeSessionId == null ? new JingleReason(condition, text, detail)
                : new JingleReason.AlternativeSession(alternativeSessionId, text, detail);
    }

    private static JingleReason.Reason parseCondition(String name) throws SmackParsingException {
        try {
            return JingleReason.Reason.fromString(name);
        } catch (IllegalArgumentException unknown) {
            SmackParsingException refusal = new SmackParsingException(
                    "<reason/> has an unknown condition <" + name + "/>");
            refusal.initCause(unknown);
            throw refusal;
        }
    }

    private static String parseAlternativeSessionId(XmlPullParser parser)
            throws XmlPullParserException, IOException, SmackParsingException {
        int depth = parser.getDepth();
        String sessionId = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                break;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("The document ended inside <alternative-session/>");
            }
            if (event == XmlPullParser.Event.START_ELEMENT) {
                if (JingleReason.NAMESPACE.equals(parser.getNamespace())
                        && JingleReason.AlternativeSession.SID.equals(parser.getName())) {
                    sessionId = parser.nextText().strip();
                } else {
                    ParserUtils.forwardToEndTagOfDepth(parser, parser.getDepth());
                }
            }
        }
        if (sessionId == null || sessionId.isEmpty()) {
            throw new SmackParsingException("<alternative-session/> must have a non-empty <sid/>");
        }
        return sessionId;
    }
}
