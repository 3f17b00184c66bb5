package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP (RFC 8866) as WebRTC uses it: the session part and the media sections, in order, each with its attributes
 * in order. Parsing is lenient where browsers are (LF or CRLF line ends, trailing white space); it does not check
 * the RFC's line order inside the session part, which WebRTC peers do not rely on either. It refuses what is not
 * text: control characters other than the line ends, lone surrogates.
 */
public final class SessionDescription {

    private final SdpSection session;
    private final List<SdpSection> media;

    public SessionDescription(SdpSection session, List<SdpSection> media) {
        if (session.mediaLine() != null) {
            throw new IllegalArgumentException("The session part has no m= line");
        }
        this.session = session;
        this.media = List.copyOf(media);
    }

    /**
     * @throws IllegalArgumentException if a line is not {@code <letter>=<value>} or an m= line is malformed
     */
    public static SessionDescription parse(String sdp) {
        SectionCollector session = new SectionCollector(null);
        List<SectionCollector> media = new ArrayList<>();
        SectionCollector current = session;
        // Lines end in LF or CRLF: split at each LF, and strip() takes the CR with the rest of the white space (a
        // loop, not String.split's regular expression, which JFR showed among the costs of a bridged call).
        for (int start = 0, end; start < sdp.length(); start = end + 1) {
            end = sdp.indexOf('\n', start);
            if (end < 0) {
                end = sdp.length();
            }
            String line = sdp.substring(start, end).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new IllegalArgumentException("Not an SDP line: '" + SdpText.printable(line) + "'");
            }
            // Found by SdpToJingleFuzzTest: a BEL in an a=extmap went into the session-initiate as XML that is not
            // well formed, and such a stanza ends the whole XMPP stream it is sent on.
            SdpText.require("An SDP line", line);
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                current = new SectionCollector(MediaLine.parse(value));
                media.add(current);
            } else if (type == 'a') {
                current.attributes.add(SdpAttribute.parse(value));
            } else {
                current.otherLines.add(new SdpSection.Line(type, value));
            }
        }
        return new SessionDescription(session.build(), media.stream().map(SectionCollector::build).toList());
    }

    public SdpSection session() {
        return session;
    }

    public List<SdpSection> media() {
        return media;
    }

    /** The SDP text, CRLF line ends. */
    public String toSdp() {
        StringBuilder sdp = new StringBuilder(session.toSdp());
        media.forEach(section -> sdp.append(section.toSdp()));
        return sdp.toString();
    }

    @Override
    public String toString() {
        return toSdp();
    }

    private static final class SectionCollector {
        final MediaLine mediaLine;
        final List<SdpSection.Line> otherLines = new ArrayList<>();
        final List<SdpAttribute> attributes = new ArrayList<>();

        SectionCollector(MediaLine mediaLine) {
            this.mediaLine = mediaLine;
        }

        SdpSection build() {
            return new SdpSection(mediaLine, otherLines, attributes);
        }
    }
}
