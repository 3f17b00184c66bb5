package org.webrtcgateway.xmpp.component;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.net.ProtocolException;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.BodyElementProvider;
import org.jivesoftware.smack.provider.MessageSubjectElementProvider;
import org.jivesoftware.smack.provider.MessageThreadElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.xml.xpp3.Xpp3XmlPullParserFactory;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's half of a {@code jabber:component:accept} stream, read with Smack's pull parser (XPP3): the header (its
 * id is what the handshake hashes), the handshake's answer, then stanzas, each parsed by Smack's own stanza
 * parsing into Smack's elements. A stanza Smack cannot parse (a peer's malformed extension, a JID that fails
 * stringprep) is skipped and logged, as Smack's own connections do; XML that is not well-formed, or a stream
 * that ends mid-stanza, ends the stream. One thread: the connection's reader.
 */
final class ComponentStreamReader {

    private static final Logger log = LoggerFactory.getLogger(ComponentStreamReader.class);
    private static final int STANZA_DEPTH = 2;
    private static final XmlEnvironment STREAM = new XmlEnvironment(ComponentHandshake.NAMESPACE);

    static {
        // Smack registers <body/>, <subject/> and <thread/> in jabber:client only; in a component stream they
        // inherit jabber:component:accept, and without these a message would arrive with no body.
        ProviderManager.addExtensionProvider(Message.Body.ELEMENT, ComponentHandshake.NAMESPACE, new BodyElementProvider());
        ProviderManager.addExtensionProvider(Message.Subject.ELEMENT, ComponentHandshake.NAMESPACE, new MessageSubjectElementProvider());
        ProviderManager.addExtensionProvider(Message.Thread.ELEMENT, ComponentHandshake.NAMESPACE, new MessageThreadElementProvider());
    }

    private final XmlPullParser parser;

    ComponentStreamReader(Reader in) throws XmlPullParserException {
        // XPP3 by name, the parser this module depends on: Smack's own lookup takes whichever the class path lists
        // first (StAX, which smack-java8 brings), so the stream's behaviour would hang on the class path's order.
        this.parser = new Xpp3XmlPullParserFactory().newXmlPullParser(in);
    }

    /**
     * Reads the server's stream header and returns its id.
     *
     * @throws StreamErrorException when the server refuses the stream (an unknown domain, say)
     */
    String readHeader() throws IOException, XmlPullParserException, StreamErrorException {
        XmlPullParser.Event event = parser.next();
        while (event != XmlPullParser.Event.START_ELEMENT) {
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new EOFException("the server closed the connection before its stream header");
            }
            event = parser.next();
        }
        if (!"stream".equals(parser.getName()) || !ComponentHandshake.STREAMS_NAMESPACE.equals(parser.getNamespace())) {
            throw new ProtocolException("not an XMPP stream: <" + parser.getName() + "> in " + parser.getNamespace());
        }
        String id = parser.getAttributeValue("", "id");
        if (id == null || id.isEmpty()) {
            // A server that refuses the header opens its side with no id and closes it with the reason.
            expectTopLevel("a stream id");
            throw new ProtocolException("the server's stream header has no id, and no <handshake/> can be computed without one");
        }
        return id;
    }

    /**
     * Waits for the server's answer to the handshake: an empty {@code <handshake/>}.
     *
     * @throws StreamErrorException when the server refuses it ({@code not-authorized}: a wrong secret)
     */
    void awaitHandshake() throws IOException, XmlPullParserException, StreamErrorException {
        expectTopLevel("the handshake's answer");
        if (!"handshake".equals(parser.getName())) {
            throw new ProtocolException("<" + parser.getName() + "> where the answer to the handshake was due");
        }
        skipToEndOf(STANZA_DEPTH);
    }

    /**
     * Hands each stanza to {@code sink} until the server ends the stream: returns at its {@code </stream:stream>}.
     *
     * @throws StreamErrorException when the server ends it with a stream error
     * @throws XmlPullParserException on XML that is not well-formed, or that ends mid-stanza
     */
    void readStanzas(Consumer<Stanza> sink) throws IOException, XmlPullParserException, StreamErrorException {
        while (nextTopLevel()) {
            throwIfStreamError();
            switch (parser.getName()) {
                case Message.ELEMENT, "presence", "iq" -> {
                    Stanza stanza = parseOrSkip();
                    if (stanza != null) {
                        sink.accept(stanza);
                    }
                }
                default -> skipToEndOf(STANZA_DEPTH); // stream features or the like: nothing a component needs
            }
        }
    }

    private Stanza parseOrSkip() throws IOException, XmlPullParserException {
        String name = parser.getName();
        try {
            return PacketParserUtils.parseStanza(parser, STREAM);
        } catch (XmlPullParserException notWellFormed) {
            throw notWellFormed; // the stream itself is broken: nothing after it can be trusted
        } catch (SmackParsingException | XmppStringprepException | RuntimeException unparseable) {
            log.info("XMPP component: a <{}> that does not parse was skipped ({})", name, unparseable.toString());
            skipToEndOf(STANZA_DEPTH);
            return null;
        }
    }

    /** The next element at the top level of the stream, which must be there, and must not be an error. */
    private void expectTopLevel(String what) throws IOException, XmlPullParserException, StreamErrorException {
        if (!nextTopLevel()) {
            throw new EOFException("the server closed the stream where " + what + " was due");
        }
        throwIfStreamError();
    }

    /** Moves to the next element at the top level of the stream; false when the stream ends there. */
    private boolean nextTopLevel() throws IOException, XmlPullParserException {
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == STANZA_DEPTH) {
                return true;
            }
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == 1) {
                return false;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new EOFException("the connection ended without </stream:stream>");
            }
        }
    }

    private void throwIfStreamError() throws IOException, XmlPullParserException, StreamErrorException {
        if ("error".equals(parser.getName()) && ComponentHandshake.STREAMS_NAMESPACE.equals(parser.getNamespace())) {
            try {
                throw new StreamErrorException(PacketParserUtils.parseStreamError(parser));
            } catch (SmackParsingException e) {
                throw new ProtocolException("a stream error that does not parse: " + e.getMessage());
            }
        }
    }

    /** Moves to the end tag of the element open at {@code depth} (where the parser may already be). */
    private void skipToEndOf(int depth) throws IOException, XmlPullParserException {
        XmlPullParser.Event event = parser.getEventType();
        while (!(event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) {
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new EOFException("the connection ended mid-stanza");
            }
            event = parser.next();
        }
    }
}
