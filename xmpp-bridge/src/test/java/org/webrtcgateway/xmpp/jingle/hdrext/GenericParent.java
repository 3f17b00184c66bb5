package org.webrtcgateway.xmpp.jingle.hdrext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * A stand-in for the parent elements these extensions live in ({@code <description/>}, {@code <jingle/>}), parsed
 * the way their real parsers must: every child through {@link PacketParserUtils#parseExtensionElement}, so the
 * registered providers apply. Smack's own {@code StandardExtensionElementProvider} would not do: it parses the
 * children of the element it reads generically too, whatever is registered.
 */
public final class GenericParent implements ExtensionElement {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<ExtensionElement> children;

    private GenericParent(String name, String namespace, Map<String, String> attributes,
                          List<ExtensionElement> children) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = children;
    }

    public static GenericParent parse(CharSequence xml) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml.toString());
        return Provider.INSTANCE.parse(parser);
    }

    public List<ExtensionElement> getChildren() {
        return children;
    }

    /** The children of type {@code type}, in order. */
    public <E> List<E> getChildren(Class<E> type) {
        return children.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String getElementName() {
        return name;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        attributes.forEach(xml::attribute);
        xml.rightAngleBracket();
        xml.append(children);
        return xml.closeElement(this);
    }

    private static final class Provider extends ExtensionElementProvider<GenericParent> {

        static final Provider INSTANCE = new Provider();

        @Override
        public GenericParent parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
                throws XmlPullParserException, IOException, SmackParsingException {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < parser.getAttributeCount(); i++) {
                attributes.put(parser.getAttributeName(i), parser.getAttributeValue(i));
            }
            List<ExtensionElement> children = new ArrayList<>();
            while (true) {
                XmlPullParser.Event event = parser.next();
                if (event == XmlPullParser.Event.START_ELEMENT) {
                    children.add(PacketParserUtils.parseExtensionElement(parser.getName(), parser.getNamespace(),
                            parser, xmlEnvironment));
                } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                    return new GenericParent(name, namespace, attributes, children);
                }
            }
        }
    }
}
