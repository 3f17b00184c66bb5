package org.webrtcgateway.sip.subscribe;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses the XML bodies of NOTIFYs, which come from any phone behind the PBX: no DOCTYPE at all (so no
 * entity expansion, internal or external, and no DTD fetched), no XInclude, a bounded size. Elements are
 * matched by local name, whatever prefix a notifier chose for the namespace.
 */
final class SafeXml {

    /** The stack refuses SIP messages above 64 KiB (SipEndpoint's MAX_MESSAGE_SIZE); a body cannot be bigger. */
    static final int MAX_CHARS = 65_536;
    /** How deep elements may nest: RFC 4235's and RFC 4480's documents go five or six levels deep. */
    static final int MAX_DEPTH = 32;

    private static final DocumentBuilderFactory FACTORY = factory();
    /** Builders are not thread-safe; the bridge thread parses, and tests parse on their own threads. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::builder);

    private SafeXml() {
    }

    /** The document element of {@code body}, which must be named {@code rootName}. */
    static Element root(String body, String rootName) throws MalformedBody {
        if (body == null || body.isBlank()) {
            throw new MalformedBody("empty body");
        }
        if (body.length() > MAX_CHARS) {
            throw new MalformedBody("body of " + body.length() + " characters, over " + MAX_CHARS);
        }
        DocumentBuilder builder = BUILDER.get();
        try {
            Element root = builder.parse(new InputSource(new StringReader(body))).getDocumentElement();
            if (!rootName.equals(root.getLocalName())) {
                throw new MalformedBody("expected <" + rootName + ">, got <" + MalformedBody.quote(root.getLocalName()) + ">");
            }
            return root;
        } catch (SAXException e) {
            // The parser's message quotes the document (a name, a version, the text around the fault): one line, cut short.
            throw new MalformedBody("not well-formed XML: " + MalformedBody.quote(e.getMessage(), 160));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** The child elements of {@code parent} with local name {@code name}, in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The first child element named {@code name}, or null. */
    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The trimmed text of the first child element named {@code name}, or null. */
    static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // A DOCTYPE is refused outright: no notifier needs one, and it is how entity attacks begin.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // The DOM reads text recursively (getTextContent): 9,000 nested elements fit in a body and overflowed the stack
        // of the thread that parses. No notifier's document is more than a handful of levels deep.
        factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        return factory;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(THROWING); // the default prints to stderr
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document malformed
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
