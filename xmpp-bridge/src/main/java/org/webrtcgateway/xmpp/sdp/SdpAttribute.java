package org.webrtcgateway.xmpp.sdp;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 section 5.13): a property attribute ({@code a=rtcp-mux}, value null) or a value
 * attribute ({@code a=mid:0}). The value is kept verbatim, so that a line the translation does not understand can be
 * reported exactly as it came.
 */
public record SdpAttribute(String name, String value) {

    public SdpAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("An SDP attribute needs a name without ':', not '" + SdpText.printable(name) + "'");
        }
        SdpText.require("The name of an SDP attribute", name);
        SdpText.require("a=" + name, value);
    }

    public static SdpAttribute property(String name) {
        return new SdpAttribute(name, null);
    }

    /** Parses what follows {@code a=}. */
    public static SdpAttribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? property(text) : new SdpAttribute(text.substring(0, colon), text.substring(colon + 1));
    }

    public boolean isProperty() {
        return value == null;
    }

    /** What follows {@code a=}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }
}
