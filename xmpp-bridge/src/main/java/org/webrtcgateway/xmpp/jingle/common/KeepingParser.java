package org.webrtcgateway.xmpp.jingle.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredAttributeMissingException;
import org.jivesoftware.smack.parsing.SmackParsingException.RequiredValueMissingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;


/**
 * What the providers of the Jingle XEPs share: they keep what they do not model (attributes, children of any
 * namespace) instead of skipping it, and they read required attributes and the schema's numeric types strictly.
 */
public final class KeepingParser {

    /** The XML namespace, which the prefix 'xml' is bound to without a declaration. */
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private KeepingParser() {
    }

    /**
     * Parses the child the parser is at if the caller's XEP defines it, puts it where the caller wants it and returns
     * true; returns false, without moving the parser, for any other child, which is then kept.
     */
    @FunctionalInterface
    public interface DefinedChildParser {
        boolean parseIfDefined(XmlPullParser parser, XmlEnvironment xmlEnvironment)
                        throws XmlPullParserException, IOException, SmackParsingException;
    }

    /** A child parser for elements without defined children: all children are kept generically. */
    public static final DefinedChildParser NO_DEFINED_CHILD = (parser, xmlEnvironment) -> false;

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
     * The unprefixed attributes of the element the parser is at, other than {@code definedNames}, in document order:
     * what the XEP-0294/0338/0339 elements keep ({@link OtherAttributes#unprefixed}). Prefixed ones are skipped, as
     * they would need their prefix declaration carried along, and none is known in practice.
     */
    public static Map<String, String> unprefixedOtherAttributes(XmlPullParser parser, Set<String> definedNames) {
        Map<String, String> others = new LinkedHashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String name = parser.getAttributeName(i);
            boolean unprefixed = parser.getAttributePrefix(i) == null || parser.getAttributePrefix(i).isEmpty();
            if (unprefixed && !definedNames.contains(name)) {
                others.put(name, parser.getAttributeValue(i));
            }
        }
        return others;
    }

    /**
     * Parses the children of the element the parser is at, up to its end tag, in document order: those
     * {@code definedChildren} takes, and any other into {@code kept}, by the provider ProviderManager has for its
     * name and namespace, else as a StandardExtensionElement ({@link PacketParserUtils#parseExtensionElement}).
     * Character data goes into {@code text} if given, else is ignored. An element that keeps its defined and other
     * children in one list in document order has {@code definedChildren} add to {@code kept} too.
     *
     * @param xmlEnvironment the environment of the element whose children these are
     * @return {@code kept}
     */
    public static List<ExtensionElement> parseChildElements(XmlPullParser parser, int initialDepth,
                    XmlEnvironment xmlEnvironment, DefinedChildParser definedChildren, List<ExtensionElement> kept,
                    StringBuilder text) throws XmlPullParserException, IOException, SmackParsingException {
        while (true) {
            XmlPullParser.Event event = parser.next();
            switch (event) {
            case START_ELEMENT:
                if (!definedChildren.parseIfDefined(parser, xmlEnvironment)) {
                    kept.add(PacketParserUtils.parseExtensionElement(parser.getName(), parser.getNamespace(), parser,
                                    xmlEnvironment));
                }
                break;
            case TEXT_CHARACTERS:
                if (text != null) {
                    text.append(parser.getText());
                }
                break;
            case END_ELEMENT:
                if (parser.getDepth() == initialDepth) {
                    return kept;
                }
                break;
            case END_DOCUMENT:
                throw new SmackParsingException("Document ended inside <" + parser.getName() + "/>");
            default:
                break;
            }
        }
    }

    /** {@link #parseChildElements(XmlPullParser, int, XmlEnvironment, DefinedChildParser, List, StringBuilder)} into a new list, ignoring text. */
    public static List<ExtensionElement> parseChildElements(XmlPullParser parser, int initialDepth,
                    XmlEnvironment xmlEnvironment, DefinedChildParser definedChildren)
                    throws XmlPullParserException, IOException, SmackParsingException {
        return parseChildElements(parser, initialDepth, xmlEnvironment, definedChildren, new ArrayList<>(), null);
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

    /** A required attribute that must not be empty either; {@code message} says so when it is missing or empty. */
    public static String nonEmptyAttribute(XmlPullParser parser, String name, String message)
                    throws RequiredValueMissingException {
        String value = parser.getAttributeValue("", name);
        if (value == null || value.isEmpty()) {
            throw new RequiredValueMissingException(message);
        }
        return value;
    }

    /** A required attribute, possibly empty; {@code message} says so when it is missing. */
    public static String presentAttribute(XmlPullParser parser, String name, String message)
                    throws RequiredValueMissingException {
        String value = parser.getAttributeValue("", name);
        if (value == null) {
            throw new RequiredValueMissingException(message);
        }
        return value;
    }

    /** {@code value} read by one of the optional readers here, refused when absent. */
    public static <T> T required(T value, String name) throws RequiredAttributeMissingException {
        if (value == null) {
            throw new RequiredAttributeMissingException(name);
        }
        return value;
    }

    /**
     * A required integer attribute that the element's own check accepts. White space around the number is allowed by
     * its XML Schema type, and harmless.
     *
     * @param check returns the value or throws IllegalArgumentException, as the element's constructor would
     * @param invalidMessage what is wrong with the value as written, for the refusal
     */
    public static long requiredLongAttribute(XmlPullParser parser, String name, String missingMessage,
                    LongUnaryOperator check, UnaryOperator<String> invalidMessage) throws SmackParsingException {
        String given = presentAttribute(parser, name, missingMessage);
        try {
            return check.applyAsLong(Long.parseLong(given.strip()));
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            throw refused(invalidMessage.apply(given), e);
        }
    }

    /** A refusal saying {@code message}, with the element's own exception as its cause. */
    public static SmackParsingException refused(String message, Exception cause) {
        SmackParsingException refusal = new SmackParsingException(message);
        refusal.initCause(cause);
        return refusal;
    }

    /** The builders refuse what the schema refuses (an out-of-range number, a second rtcp-mux...) with unchecked exceptions; a parser reports them as parsing errors. */
    public static SmackParsingException invalid(String elementName, RuntimeException cause) {
        return new SmackParsingException("Invalid <" + elementName + "/>: " + cause.getMessage());
    }
}
