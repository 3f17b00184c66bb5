package org.webrtcgateway.xmpp.jingle.rtp;

import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * XML reduced to what it means, for comparing a parsed-and-written element with the XEP's example: elements by
 * namespace and local name in document order, attributes by namespace and name in any order (namespace declarations
 * and prefixes are how it is written, not what it says), text trimmed, white space between elements dropped.
 */
public final class CanonicalXml {

    private CanonicalXml() {
    }

    public static String of(CharSequence xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml.toString())))
                            .getDocumentElement();
            StringBuilder canonical = new StringBuilder();
            append(root, 0, canonical);
            return canonical.toString();
        } catch (Exception e) {
            throw new IllegalArgumentException("Not well-formed XML: " + xml, e);
        }
    }

    private static void append(Element element, int depth, StringBuilder canonical) {
        canonical.append("  ".repeat(depth)).append('{').append(nullToEmpty(element.getNamespaceURI())).append('}')
                        .append(element.getLocalName());
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attributeNodes = element.getAttributes();
        for (int i = 0; i < attributeNodes.getLength(); i++) {
            Node attribute = attributeNodes.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                continue;
            }
            String namespace = nullToEmpty(attribute.getNamespaceURI());
            attributes.put((namespace.isEmpty() ? "" : "{" + namespace + "}") + attribute.getLocalName(),
                            attribute.getNodeValue());
        }
        attributes.forEach((name, value) -> canonical.append(' ').append(name).append("='").append(value).append('\''));
        canonical.append('\n');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                append((Element) child, depth + 1, canonical);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                String text = child.getNodeValue().strip();
                if (!text.isEmpty()) {
                    canonical.append("  ".repeat(depth + 1)).append('"').append(text).append("\"\n");
                }
            }
        }
    }

    private static String nullToEmpty(String string) {
        return string == null ? "" : string;
    }
}
