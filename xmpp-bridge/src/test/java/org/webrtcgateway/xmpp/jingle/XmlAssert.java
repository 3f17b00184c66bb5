package org.webrtcgateway.xmpp.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Compares XML as XMPP reads it, for the round-trip tests of the Jingle elements: elements by namespace and local
 * name, children in document order, attributes by namespace and name in any order, text trimmed. How it is written
 * does not count: prefixes, where namespaces are declared, quoting, white space between elements. (The JDK's DOM,
 * since this build has no XMLUnit.)
 *
 * <p>Both sides are reduced to an indented canonical text and compared as strings, so a failure shows the
 * difference line by line.
 */
public final class XmlAssert {

    private XmlAssert() {
    }

    public static void assertEquivalentXml(CharSequence actual, CharSequence expected) {
        assertThat(canonical(parse(actual))).as("XML, canonically written").isEqualTo(canonical(parse(expected)));
    }

    /**
     * Compares the first element named {@code {namespace}localName} (document order, the root included) of each:
     * for a part of a stanza whose other parts the test does not vouch for.
     */
    public static void assertEquivalentElement(CharSequence actual, CharSequence expected, String namespace,
            String localName) {
        assertThat(canonical(firstElement(actual, namespace, localName)))
                .as("<%s xmlns='%s'/>, canonically written", localName, namespace)
                .isEqualTo(canonical(firstElement(expected, namespace, localName)));
    }

    private static Element firstElement(CharSequence xml, String namespace, String localName) {
        Element root = parse(xml);
        if (namespace.equals(root.getNamespaceURI()) && localName.equals(root.getLocalName())) {
            return root;
        }
        NodeList found = root.getElementsByTagNameNS(namespace, localName);
        assertThat(found.getLength()).as("<%s xmlns='%s'/> in %s", localName, namespace, xml).isPositive();
        return (Element) found.item(0);
    }

    private static Element parse(CharSequence xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml.toString())))
                    .getDocumentElement();
        } catch (Exception notXml) {
            throw new AssertionError("Not well-formed XML: " + xml, notXml);
        }
    }

    private static String canonical(Element root) {
        StringBuilder canonical = new StringBuilder();
        append(root, "", canonical);
        return canonical.toString();
    }

    private static void append(Element element, String indent, StringBuilder canonical) {
        canonical.append(indent).append(qualifiedName(element));
        attributes(element).forEach(
                (name, value) -> canonical.append(' ').append(name).append("='").append(value).append('\''));
        canonical.append('\n');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                append(childElement, indent + "  ", canonical);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    canonical.append(indent).append("  text '").append(text).append("'\n");
                }
            }
        }
    }

    /** Attributes by {namespace}name, sorted; namespace declarations are how XML is written, not what it says. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap nodes = element.getAttributes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node attribute = nodes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                attributes.put(qualifiedName(attribute), attribute.getNodeValue());
            }
        }
        return attributes;
    }

    private static String qualifiedName(Node node) {
        String namespace = node.getNamespaceURI();
        return (namespace == null ? "" : "{" + namespace + "}") + node.getLocalName();
    }
}
