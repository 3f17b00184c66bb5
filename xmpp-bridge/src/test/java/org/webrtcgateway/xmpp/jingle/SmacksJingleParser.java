package org.webrtcgateway.xmpp.jingle;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.provider.JingleProvider;

/**
 * Smack 4.4.8's own {@code <jingle/>} parser, called directly: once a test has run
 * {@link JingleExtensions#registerAll()}, the provider registry (global to the JVM) hands {@code <jingle/>} to the
 * bridge's {@link JingleIqProvider} instead, whatever the order the tests run in.
 */
public final class SmacksJingleParser {

    private SmacksJingleParser() {
    }

    /** Parses the {@code <jingle/>} of an {@code <iq/>} (its id and type kept, its addresses not). */
    public static Jingle parse(String iq) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(iq);
        String id = parser.getAttributeValue("", "id");
        IQ.Type type = IQ.Type.fromString(parser.getAttributeValue("", "type"));
        while (parser.next() != XmlPullParser.Event.START_ELEMENT) {
            // to the <jingle/> child
        }
        return new JingleProvider().parse(parser, StanzaBuilder.buildIqData(id).ofType(type));
    }
}
