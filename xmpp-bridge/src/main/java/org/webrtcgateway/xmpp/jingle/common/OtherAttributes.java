package org.webrtcgateway.xmpp.jingle.common;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The attributes an element carries beyond those its XEP defines, by qualified name ({@code prefix:name} for a
 * namespaced one, next to the {@code xmlns:prefix} declaration it needs), in the order they arrived in. Kept so that
 * an element the bridge forwards or echoes back says everything the peer said, even what a later version of the XEP
 * or a vendor added.
 *
 * <p>The XEP-0167/0293 elements keep prefixed attributes too ({@link #of}); those of XEP-0294, 0338 and 0339 keep only
 * unprefixed ones ({@link #unprefixed}), as their parsers skip prefixed attributes.
 */
public final class OtherAttributes {

    public static final OtherAttributes NONE = new OtherAttributes(Collections.emptyMap());

    private final Map<String, String> byName;

    private OtherAttributes(Map<String, String> byName) {
        this.byName = byName;
    }

    /**
     * Copies {@code byName}, refusing the attributes the element writes itself ({@code definedNames}, and the default
     * namespace declaration): writing them twice would make the XML ill-formed.
     */
    public static OtherAttributes of(Map<String, String> byName, Set<String> definedNames) {
        if (byName.isEmpty()) {
            return NONE;
        }
        for (Map.Entry<String, String> attribute : byName.entrySet()) {
            String name = attribute.getKey();
            if (name == null || name.isEmpty() || name.equals("xmlns") || definedNames.contains(name)) {
                throw new IllegalArgumentException("Not an other attribute: '" + name + "'");
            }
            if (attribute.getValue() == null) {
                throw new IllegalArgumentException("Attribute '" + name + "' has no value");
            }
        }
        return new OtherAttributes(Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
    }

    /**
     * Copies {@code byName}, refusing a null name or value (NullPointerException), and with an
     * IllegalArgumentException naming {@code elementName} a prefixed name (its {@code xmlns:prefix} declaration is
     * not kept), {@code xmlns} and the attributes the element writes itself ({@code definedNames}).
     */
    public static OtherAttributes unprefixed(String elementName, Map<String, String> byName, Set<String> definedNames) {
        for (Map.Entry<String, String> attribute : byName.entrySet()) {
            String name = requireNonNull(attribute.getKey(), "other attribute name");
            requireNonNull(attribute.getValue(), () -> "value of other attribute " + name);
            if (name.isEmpty() || name.contains(":") || name.equals("xmlns") || definedNames.contains(name)) {
                throw new IllegalArgumentException(elementName + " cannot carry '" + name + "' as an other attribute");
            }
        }
        return byName.isEmpty() ? NONE : new OtherAttributes(Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
    }

    /** Unmodifiable, in arrival order. */
    public Map<String, String> asMap() {
        return byName;
    }

    public String get(String qualifiedName) {
        return byName.get(qualifiedName);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public void appendTo(XmlStringBuilder xml) {
        byName.forEach(xml::attribute);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OtherAttributes && ((OtherAttributes) other).byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.toString();
    }
}
