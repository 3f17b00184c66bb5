package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The session part of an SDP or one media section: its lines in order. Attributes ({@code a=}) are parsed, the other
 * lines ({@code v=}, {@code o=}, {@code c=}, {@code b=}, ...) are kept as text with their type letter, so a section
 * can be written back as it came.
 */
public final class SdpSection {

    /** A line that is not an attribute: its type letter and what follows the {@code =}. */
    public record Line(char type, String value) {
        public Line {
            Objects.requireNonNull(value, "value");
            SdpText.require(type + "=", value);
        }

        @Override
        public String toString() {
            return type + "=" + value;
        }
    }

    private final MediaLine mediaLine;
    private final List<Line> otherLines;
    private final List<SdpAttribute> attributes;

    /** @param mediaLine null for the session part */
    public SdpSection(MediaLine mediaLine, List<Line> otherLines, List<SdpAttribute> attributes) {
        this.mediaLine = mediaLine;
        this.otherLines = List.copyOf(otherLines);
        this.attributes = List.copyOf(attributes);
    }

    /** The m= line, null for the session part. */
    public MediaLine mediaLine() {
        return mediaLine;
    }

    /** The lines other than m= and a=, in order. */
    public List<Line> otherLines() {
        return otherLines;
    }

    /** Every attribute, in order. */
    public List<SdpAttribute> attributes() {
        return attributes;
    }

    /** The values of the attributes with this name, in order ({@code null} for a property attribute). */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (SdpAttribute attribute : attributes) {
            if (attribute.name().equals(name)) {
                values.add(attribute.value());
            }
        }
        return values;
    }

    public Optional<String> firstValue(String name) {
        for (SdpAttribute attribute : attributes) { // looked up for each payload type of each call: a loop, no stream
            if (attribute.value() != null && attribute.name().equals(name)) {
                return Optional.of(attribute.value());
            }
        }
        return Optional.empty();
    }

    public boolean has(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** The section as SDP text, each line ending in CRLF (RFC 8866 section 5). */
    public String toSdp() {
        StringBuilder sdp = new StringBuilder();
        if (mediaLine != null) {
            sdp.append("m=").append(mediaLine).append("\r\n");
        }
        for (Line line : otherLines) {
            sdp.append(line).append("\r\n");
        }
        for (SdpAttribute attribute : attributes) {
            sdp.append("a=").append(attribute).append("\r\n");
        }
        return sdp.toString();
    }

    @Override
    public String toString() {
        return toSdp();
    }
}
