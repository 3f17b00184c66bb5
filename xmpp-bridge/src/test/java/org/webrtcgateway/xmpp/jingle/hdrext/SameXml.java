package org.webrtcgateway.xmpp.jingle.hdrext;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A canonical text of an XML fragment, for tests to compare two fragments as XML rather than as strings: names by
 * namespace and local name (so where {@code xmlns} is declared, and with what prefix, does not matter), attributes
 * sorted, whitespace-only text between elements dropped. Two fragments are equivalent when their canonical texts are
 * equal, and a failing comparison shows where they differ, line by line.
 */
public final class SameXml {

    private SameXml() {
    }

    public static String canonical(CharSequence xml) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml.toString())))
                    .getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("Not well-formed XML: " + xml, e);
        }
        StringBuilder canonical = new StringBuilder();
        append(root, "", canonical);
        return canonical.toString();
    }

    private static void append(Element element, String indent, StringBuilder canonical) {
        canonical.append(indent).append('{').append(nullToEmpty(element.getNamespaceURI())).append('}')
                .append(element.getLocalName());
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap nodes = element.getAttributes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node attribute = nodes.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                attributes.put('{' + nullToEmpty(attribute.getNamespaceURI()) + '}' + attribute.getLocalName(),
                        attribute.getNodeValue());
            }
        }
        attributes.forEach((name, value) -> canonical.append(' ').append(name).append("='").append(value).append('\''));
        canonical.append('\n');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                append((Element) child, indent + "  ", canonical);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    canonical.append(indent).append("  text '").append(text).append("'\n");
                }
            }
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
