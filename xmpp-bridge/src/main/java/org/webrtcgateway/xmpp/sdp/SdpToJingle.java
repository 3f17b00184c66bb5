package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;
import org.webrtcgateway.xmpp.jingle.hdrext.element.HeaderExtensionParameter;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.rtp.element.Bandwidth;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;

/**
 * An SDP offer or answer (RFC 8866, WebRTC's use of it: RFC 8829) to the contents of a Jingle session-initiate or
 * session-accept: one content per m-line, named by its mid (XEP-0167, XEP-0176, XEP-0320, XEP-0293, XEP-0294,
 * XEP-0338, XEP-0339, XEP-0343). Attributes Jingle has no place for are listed in the result's {@code unmapped}.
 *
 * <p>Session-level attributes that WebRTC also allows per section (ICE credentials, fingerprint, setup,
 * extmap-allow-mixed, the direction) apply to every section that does not have its own, as RFC 8866 section 5.13
 * says; Jingle has them per content only.
 */
public final class SdpToJingle {

    /** Media-level attributes this class maps; any other is reported as unmapped. */
    private static final Set<String> MAPPED = Set.of("mid", "rtpmap", "fmtp", "rtcp-fb", "ptime", "maxptime",
            "rtcp-mux", "extmap", "extmap-allow-mixed", "ssrc", "ssrc-group", "msid", "ice-ufrag", "ice-pwd",
            "candidate", CandidateLines.END_OF_CANDIDATES, "fingerprint", "setup", "sctp-port", "sctpmap",
            SdpRole.SENDRECV, SdpRole.SENDONLY, SdpRole.RECVONLY, SdpRole.INACTIVE);
    /** Session-level ones; the session's extmap-allow-mixed and direction go to every content. */
    private static final Set<String> MAPPED_AT_SESSION = Set.of("group", "extmap-allow-mixed", "ice-ufrag",
            "ice-pwd", "fingerprint", "setup", SdpRole.SENDRECV, SdpRole.SENDONLY, SdpRole.RECVONLY,
            SdpRole.INACTIVE);

    private SdpToJingle() {
    }

    /**
     * @param role whose SDP it is: the initiator's offer or the responder's answer (directions and the default DTLS
     *             role depend on it)
     * @throws IllegalArgumentException on SDP that WebRTC would refuse too (a malformed line, a missing rtpmap for
     *                                  a dynamic payload type, a bad candidate)
     */
    public static JingleSessionContents translate(SessionDescription sdp, SdpRole role) {
        SdpSection session = sdp.session();
        List<String> unmapped = new ArrayList<>();
        for (SdpAttribute attribute : session.attributes()) {
            if (!MAPPED_AT_SESSION.contains(attribute.name())) {
                unmapped.add("session: a=" + attribute);
            }
        }
        List<ContentGroup> groups = new ArrayList<>();
        for (String group : values(session, "group")) {
            String[] fields = fields(group, 1, "group");
            groups.add(new ContentGroup(fields[0], List.of(fields).subList(1, fields.length)));
        }
        List<JingleContent> contents = new ArrayList<>();
        List<SdpSection> media = sdp.media();
        for (int index = 0; index < media.size(); index++) {
            SdpSection section = media.get(index);
            // One word, as the peer's content name comes back as a mid (found by SdpToJingleFuzzTest).
            String mid = SdpText.requireWord("a=mid", section.firstValue("mid").orElse(Integer.toString(index)));
            contents.add(content(session, section, mid, role));
            for (SdpAttribute attribute : section.attributes()) {
                if (!MAPPED.contains(attribute.name())) {
                    unmapped.add(mid + ": a=" + attribute);
                }
            }
        }
        return new JingleSessionContents(groups, contents, unmapped);
    }

    private static JingleContent content(SdpSection session, SdpSection section, String mid, SdpRole role) {
        JingleContent.Builder content = JingleContent.getBuilder()
                .setCreator(JingleContent.Creator.initiator)
                .setName(mid)
                .setSenders(role.senders(direction(section).or(() -> direction(session)).orElse(null)));
        IceUdpTransport.Builder transport = transport(session, section, role);
        if (section.mediaLine().isDataChannel()) {
            transport.addExtension(sctpmap(section));
        } else {
            content.setDescription(description(session, section, role));
        }
        return content.setTransport(transport.build()).build();
    }

    private static Optional<String> direction(SdpSection section) {
        return section.attributes().stream().map(SdpAttribute::name).filter(SdpRole::isDirection).findFirst();
    }

    private static RtpDescription description(SdpSection session, SdpSection section, SdpRole role) {
        MediaLine mediaLine = section.mediaLine();
        RtpDescription.Builder description = RtpDescription.builder(mediaLine.media());
        Map<String, List<String>> feedbackByFormat = feedbackByFormat(section);
        for (String format : mediaLine.formats()) {
            description.addPayloadType(payloadType(section, format, feedbackByFormat.getOrDefault(format, List.of())));
        }
        for (SdpSection.Line line : section.otherLines()) {
            if (line.type() == 'b') {
                int colon = line.value().indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("A b= line is <type>:<bandwidth>, not '" + line.value() + "'");
                }
                description.bandwidth(new Bandwidth(line.value().substring(0, colon), line.value().substring(colon + 1)));
            }
        }
        if (section.has("rtcp-mux")) {
            description.rtcpMux();
        }
        // XEP-0293 section 3.2: feedback for every payload type is a child of the description itself.
        for (String wildcard : feedbackByFormat.getOrDefault("*", List.of())) {
            description.addChildElement(feedback(wildcard));
        }
        for (String extmap : values(section, "extmap")) {
            description.addChildElement(headerExtension(extmap, role));
        }
        if (section.has("extmap-allow-mixed") || session.has("extmap-allow-mixed")) {
            description.addChildElement(ExtmapAllowMixed.INSTANCE);
        }
        sources(section).forEach(description::addChildElement);
        for (String group : values(section, "ssrc-group")) {
            String[] fields = fields(group, 1, "ssrc-group");
            long[] ssrcs = new long[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                ssrcs[i - 1] = Long.parseLong(fields[i]);
            }
            description.addChildElement(SsrcGroup.ofSsrcs(fields[0], ssrcs));
        }
        return description.build();
    }

    private static Map<String, List<String>> feedbackByFormat(SdpSection section) {
        Map<String, List<String>> byFormat = new LinkedHashMap<>();
        for (String feedback : values(section, "rtcp-fb")) {
            int space = feedback.indexOf(' ');
            if (space < 1 || feedback.substring(space + 1).isBlank()) {
                throw new IllegalArgumentException("a=rtcp-fb is <payload type> <feedback>, not '" + feedback + "'");
            }
            byFormat.computeIfAbsent(feedback.substring(0, space), f -> new ArrayList<>())
                    .add(feedback.substring(space + 1).trim());
        }
        return byFormat;
    }

    private static PayloadType payloadType(SdpSection section, String format, List<String> feedback) {
        PayloadType.Builder payloadType = PayloadType.builder(Integer.parseInt(format));
        Optional<String> rtpmap = valueFor(section, "rtpmap", format);
        if (rtpmap.isPresent()) {
            // encoding name / clock rate [/ channels], RFC 8866 section 6.6
            String[] encoding = rtpmap.get().split("/");
            if (encoding.length < 2) {
                throw new IllegalArgumentException("a=rtpmap is <payload type> <encoding>/<clock rate>[/<channels>], not '"
                        + format + ' ' + rtpmap.get() + "'");
            }
            payloadType.name(encoding[0]).clockrate(Long.parseLong(encoding[1]));
            if (encoding.length > 2) {
                payloadType.channels(Integer.valueOf(encoding[2]));
            }
        } else if (Integer.parseInt(format) >= 96) {
            throw new IllegalArgumentException("Dynamic payload type " + format + " has no a=rtpmap");
        }
        section.firstValue("ptime").ifPresent(ptime -> payloadType.ptime(Long.valueOf(ptime.trim())));
        section.firstValue("maxptime").ifPresent(maxptime -> payloadType.maxptime(Long.valueOf(maxptime.trim())));
        valueFor(section, "fmtp", format).ifPresent(fmtp -> {
            for (String parameter : fmtp.split(";")) {
                String trimmed = parameter.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                // A parameter without '=' (RED's "111/111") has name '' (see Parameter).
                payloadType.addParameter(equals < 0 ? "" : trimmed.substring(0, equals),
                        equals < 0 ? trimmed : trimmed.substring(equals + 1));
            }
        });
        feedback.forEach(f -> payloadType.addChildElement(feedback(f)));
        return payloadType.build();
    }

    /** The value of {@code a=<name>:<format> <value>}, without the format. */
    private static Optional<String> valueFor(SdpSection section, String name, String format) {
        String prefix = format + ' ';
        for (String value : section.values(name)) {
            if (value != null && value.startsWith(prefix)) {
                return Optional.of(value.substring(prefix.length()).trim());
            }
        }
        return Optional.empty();
    }

    /** RFC 4585 section 4.2's rtcp-fb-val: a type, maybe a subtype (with parameters), or trr-int and its value. */
    private static ExtensionElement feedback(String value) {
        String[] fields = fields(value, 1, "rtcp-fb");
        if ("trr-int".equals(fields[0])) {
            if (fields.length < 2) {
                throw new IllegalArgumentException("a=rtcp-fb trr-int needs its interval, in '" + value + "'");
            }
            return new RtcpFbTrrInt(Long.parseLong(fields[1]));
        }
        RtcpFb.Builder feedback = RtcpFb.builder(fields[0]);
        if (fields.length > 1) {
            feedback.subtype(String.join(" ", List.of(fields).subList(1, fields.length)));
        }
        return feedback.build();
    }

    /** {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]}, RFC 8285 section 7. */
    private static RtpHeaderExtension headerExtension(String extmap, SdpRole role) {
        fields(extmap, 2, "extmap");
        String[] fields = extmap.trim().split(" +", 3); // what follows the URI stays one parameter
        String[] idAndDirection = fields[0].split("/", -1);
        if (idAndDirection.length > 2) {
            throw new IllegalArgumentException("a=extmap is <id>[/<direction>] <uri>, not '" + extmap + "'");
        }
        Senders senders = idAndDirection.length > 1 ? role.senders(idAndDirection[1]) : Senders.both;
        List<HeaderExtensionParameter> parameters = fields.length > 2
                ? List.of(new HeaderExtensionParameter(fields[2])) : List.of();
        return new RtpHeaderExtension(Integer.parseInt(idAndDirection[0]), fields[1], senders, parameters);
    }

    /**
     * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576) grouped by ssrc, in order of first appearance. Chromium
     * writes the track's identity as a media-level {@code a=msid} (RFC 8830) and, for older peers, again per ssrc;
     * XEP-0339 has it as the source's msid parameter, so a source without one gets the media-level msid.
     */
    private static List<MediaSource> sources(SdpSection section) {
        Map<Long, List<SourceParameter>> bySsrc = new LinkedHashMap<>();
        for (String ssrcLine : values(section, "ssrc")) {
            String[] fields = ssrcLine.trim().split(" ", 2);
            List<SourceParameter> parameters = bySsrc.computeIfAbsent(Long.parseLong(fields[0]), s -> new ArrayList<>());
            if (fields.length > 1) {
                int colon = fields[1].indexOf(':');
                parameters.add(colon < 0 ? new SourceParameter(fields[1])
                        : new SourceParameter(fields[1].substring(0, colon), fields[1].substring(colon + 1).trim()));
            }
        }
        Optional<String> mediaMsid = section.firstValue("msid");
        List<MediaSource> sources = new ArrayList<>();
        bySsrc.forEach((ssrc, parameters) -> {
            boolean hasMsid = parameters.stream().anyMatch(p -> SourceParameter.MSID.equals(p.getName()));
            if (!hasMsid && mediaMsid.isPresent()) {
                parameters.add(new SourceParameter(SourceParameter.MSID, mediaMsid.get().trim()));
            }
            sources.add(new MediaSource(ssrc, parameters));
        });
        return sources;
    }

    private static IceUdpTransport.Builder transport(SdpSection session, SdpSection section, SdpRole role) {
        IceUdpTransport.Builder transport = IceUdpTransport.builder()
                .setUfrag(mediaOrSession(section, session, "ice-ufrag").orElse(null))
                .setPwd(mediaOrSession(section, session, "ice-pwd").orElse(null));
        // RFC 8842 section 5.2: without a=setup the offerer is actpass and the answerer active.
        DtlsFingerprint.Setup setup = DtlsFingerprint.Setup.fromXmlValue(mediaOrSession(section, session, "setup")
                .map(String::trim).orElse(role == SdpRole.INITIATOR ? "actpass" : "active"));
        List<String> fingerprints = section.has("fingerprint") ? values(section, "fingerprint")
                : values(session, "fingerprint");
        for (String fingerprint : fingerprints) {
            String[] fields = fields(fingerprint, 2, "fingerprint");
            transport.addExtension(new DtlsFingerprint(fields[0], setup, fields[1]));
        }
        for (String candidate : values(section, CandidateLines.ATTRIBUTE)) {
            transport.addCandidate(CandidateLines.toCandidate(candidate));
        }
        if (section.has(CandidateLines.END_OF_CANDIDATES)) {
            transport.addExtension(KeptElements.endOfCandidates());
        }
        return transport;
    }

    /**
     * The values of the attributes named so; one written as a property ({@code a=extmap} with no value) is refused.
     * Found by SdpToJingleFuzzTest, as the fields below: a short attribute was read past its end (an index out of
     * bounds that escaped the bridge's handling of bad SDP).
     */
    private static List<String> values(SdpSection section, String name) {
        List<String> values = section.values(name);
        if (values.contains(null)) {
            throw new IllegalArgumentException("a=" + name + " needs a value");
        }
        return values;
    }

    /** The space-separated fields of an attribute's value, at least {@code needed} of them. */
    private static String[] fields(String value, int needed, String name) {
        String[] fields = value.trim().split(" +");
        if (value.isBlank() || fields.length < needed) {
            throw new IllegalArgumentException("a=" + name + " needs " + needed + " field" + (needed == 1 ? "" : "s")
                    + ", not '" + value + "'");
        }
        return fields;
    }

    private static Optional<String> mediaOrSession(SdpSection section, SdpSection session, String name) {
        return section.firstValue(name).or(() -> session.firstValue(name));
    }

    /** RFC 8841's {@code a=sctp-port:5000}, or the older {@code a=sctpmap:5000 webrtc-datachannel 1024}. */
    private static ExtensionElement sctpmap(SdpSection section) {
        Optional<String> sctpPort = section.firstValue("sctp-port");
        if (sctpPort.isPresent()) {
            return KeptElements.sctpmap(Integer.parseInt(sctpPort.get().trim()), MediaLine.DATA_CHANNEL_FORMAT, null);
        }
        Optional<String> sctpmap = section.firstValue("sctpmap");
        if (sctpmap.isPresent()) {
            String[] fields = fields(sctpmap.get(), 2, "sctpmap");
            return KeptElements.sctpmap(Integer.parseInt(fields[0]), fields[1], fields.length > 2 ? fields[2] : null);
        }
        // RFC 8841 section 5.2: the default SCTP port
        return KeptElements.sctpmap(5000, MediaLine.DATA_CHANNEL_FORMAT, null);
    }
}
