package org.webrtcgateway.xmpp.jingle.rtp.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredAttributeMissingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import org.webrtcgateway.xmpp.jingle.rtp.element.OtherAttributes;

/**
 * What the providers of the RTP packages share: they keep what they do not model (attributes, children of any
 * namespace) instead of skipping it, and they read the schema's numeric types strictly.
 */
public final class KeepingParser {

    /** The XML namespace, which the prefix 'xml' is bound to without a declaration. */
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private KeepingParser() {
    }

    /** Parses one child the caller's XEP defines, or returns null (without moving the parser) for any other. */
    @FunctionalInterface
    public interface DefinedChildParser {
        ExtensionElement parseOrNull(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                        throws XmlPullParserException, IOException, SmackParsingException;
    }

    /**
     * The attributes of the element the parser is at, other than {@code definedNames}. A prefixed attribute keeps its
     * prefix and brings the declaration of that prefix along, since that may sit on an ancestor the element will not
     * be written under again.
     */
    public static OtherAttributes otherAttributes(XmlPullParser parser, Set<String> definedNames) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String prefix = parser.getAttributePrefix(i);
            String name = parser.getAttributeName(i);
            if (prefix == null || prefix.isEmpty()) {
                if (!definedNames.contains(name)) {
                    attributes.put(name, parser.getAttributeValue(i));
                }
                continue;
            }
            String namespace = parser.getAttributeNamespace(i);
            if (!XML_NAMESPACE.equals(namespace)) {
                attributes.put("xmlns:" + prefix, namespace);
            }
            attributes.put(prefix + ':' + name, parser.getAttributeValue(i));
        }
        return OtherAttributes.of(attributes, definedNames);
    }

    /**
     * Parses the children of the element the parser is at, up to its end tag, in document order: those
     * {@code definedChildren} knows, and any other by the provider ProviderManager has for its name and namespace,
     * else as a StandardExtensionElement ({@link PacketParserUtils#parseExtensionElement}). Character data goes into
     * {@code text} if given, else is ignored.
     *
     * @param xmlEnvironment the environment of the element whose children these are
     */
    public static List<ExtensionElement> parseChildElements(XmlPullParser parser, int initialDepth,
                    XmlEnvironment xmlEnvironment, DefinedChildParser definedChildren, StringBuilder text)
                    throws XmlPullParserException, IOException, SmackParsingException {
        List<ExtensionElement> children = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            switch (event) {
            case START_ELEMENT:
                ExtensionElement child = definedChildren.parseOrNull(parser, xmlEnvironment);
                if (child == null) {
                    child = PacketParserUtils.parseExtensionElement(parser.getName(), parser.getNamespace(), parser,
                                    xmlEnvironment);
                }
                children.add(child);
                break;
            case TEXT_CHARACTERS:
                if (text != null) {
                    text.append(parser.getText());
                }
                break;
            case END_ELEMENT:
                if (parser.getDepth() == initialDepth) {
                    return children;
                }
                break;
            case END_DOCUMENT:
                throw new SmackParsingException("Document ended inside <" + parser.getName() + "/>");
            default:
                break;
            }
        }
    }

    /** A child parser for elements without defined children: all children are kept generically. */
    public static ExtensionElement noDefinedChild(XmlPullParser parser, XmlEnvironment xmlEnvironment) {
        return null;
    }

    /** A required attribute; the schema's xs:string allows the empty string, so only an absent one is refused. */
    public static String requiredAttribute(XmlPullParser parser, String name) throws RequiredAttributeMissingException {
        String value = parser.getAttributeValue("", name);
        if (value == null) {
            throw new RequiredAttributeMissingException(name);
        }
        return value;
    }

    /** An optional xs:unsignedByte attribute, null when absent. */
    public static Integer unsignedByteAttribute(XmlPullParser parser, String name) throws SmackParsingException {
        Long value = unsignedAttribute(parser, name, 0xff);
        return value == null ? null : value.intValue();
    }

    /** An optional xs:unsignedInt attribute, null when absent. */
    public static Long unsignedIntAttribute(XmlPullParser parser, String name) throws SmackParsingException {
        return unsignedAttribute(parser, name, 0xffff_ffffL);
    }

    private static Long unsignedAttribute(XmlPullParser parser, String name, long max) throws SmackParsingException {
        String text = parser.getAttributeValue("", name);
        if (text == null) {
            return null;
        }
        // XML Schema's lexical form: optional '+', digits, white space collapsed around it.
        String digits = text.strip();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SmackParsingException("<" + parser.getName() + "/> attribute '" + name + "' is not an unsigned number: '" + text + "'");
        }
        long value = Long.parseLong(digits);
        if (value > max) {
            throw new SmackParsingException("<" + parser.getName() + "/> attribute '" + name + "' is above " + max + ": " + text);
        }
        return value;
    }

    /** The builders refuse what the schema refuses (an out-of-range number, a second rtcp-mux...) with unchecked exceptions; a parser reports them as parsing errors. */
    public static SmackParsingException invalid(String elementName, RuntimeException cause) {
        return new SmackParsingException("Invalid <" + elementName + "/>: " + cause.getMessage());
    }
}
