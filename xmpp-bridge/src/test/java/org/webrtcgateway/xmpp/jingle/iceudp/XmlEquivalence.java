package org.webrtcgateway.xmpp.jingle.iceudp;

import static org.assertj.core.api.Assertions.fail;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Compares XML the way XMPP reads it: same qualified names, same attributes in any order, same trimmed text, same
 * child elements in the same order; where namespaces are declared, quoting and indentation do not matter. (The JDK's
 * DOM rather than XMLUnit, which this build does not have.)
 */
public final class XmlEquivalence {

    private XmlEquivalence() {
    }

    public static void assertEquivalent(CharSequence actualXml, String expectedXml) {
        assertEquivalent(parse(actualXml.toString()), parse(expectedXml));
    }

    public static void assertEquivalent(Element actual, Element expected) {
        List<String> differences = new ArrayList<>();
        compare(actual, expected, "/" + expected.getLocalName(), differences);
        if (!differences.isEmpty()) {
            fail("XML differs:%n  %s", String.join("\n  ", differences));
        }
    }

    /** The first element (document order, the root included) with this namespace and local name. */
    public static Element firstElement(CharSequence xml, String namespace, String localName) {
        Element root = parse(xml.toString());
        if (namespace.equals(root.getNamespaceURI()) && localName.equals(root.getLocalName())) {
            return root;
        }
        NodeList found = root.getElementsByTagNameNS(namespace, localName);
        if (found.getLength() == 0) {
            fail("No <%s xmlns='%s'/> in %s", localName, namespace, xml);
        }
        return (Element) found.item(0);
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception notXml) {
            throw new AssertionError("Not well-formed XML: " + xml, notXml);
        }
    }

    private static void compare(Element actual, Element expected, String path, List<String> differences) {
        if (!same(actual.getNamespaceURI(), expected.getNamespaceURI())
                || !actual.getLocalName().equals(expected.getLocalName())) {
            differences.add(path + ": expected {" + expected.getNamespaceURI() + "}" + expected.getLocalName()
                    + " but was {" + actual.getNamespaceURI() + "}" + actual.getLocalName());
            return;
        }
        Map<String, String> actualAttributes = attributes(actual);
        Map<String, String> expectedAttributes = attributes(expected);
        if (!actualAttributes.equals(expectedAttributes)) {
            differences.add(path + ": expected attributes " + expectedAttributes + " but were " + actualAttributes);
        }
        String actualText = text(actual);
        String expectedText = text(expected);
        if (!actualText.equals(expectedText)) {
            differences.add(path + ": expected text '" + expectedText + "' but was '" + actualText + "'");
        }
        List<Element> actualChildren = children(actual);
        List<Element> expectedChildren = children(expected);
        if (actualChildren.size() != expectedChildren.size()) {
            differences.add(path + ": expected " + expectedChildren.size() + " child elements but were "
                    + actualChildren.size());
        }
        for (int i = 0; i < Math.min(actualChildren.size(), expectedChildren.size()); i++) {
            compare(actualChildren.get(i), expectedChildren.get(i),
                    path + "/" + expectedChildren.get(i).getLocalName() + "[" + (i + 1) + "]", differences);
        }
    }

    private static boolean same(String left, String right) {
        return left == null ? right == null : left.equals(right);
    }

    /** Attributes by {namespace}name, leaving out namespace declarations. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr attribute = (Attr) all.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                continue;
            }
            String namespace = attribute.getNamespaceURI();
            attributes.put((namespace == null ? "" : "{" + namespace + "}") + attribute.getLocalName(),
                    attribute.getValue());
        }
        return attributes;
    }

    private static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString().strip();
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) child);
            }
        }
        return children;
    }
}
