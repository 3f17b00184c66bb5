package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;
import org.webrtcgateway.xmpp.jingle.hdrext.element.HeaderExtensionParameter;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.rtp.element.Bandwidth;
import org.webrtcgateway.xmpp.jingle.rtp.element.Parameter;
import org.webrtcgateway.xmpp.jingle.rtp.element.PayloadType;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SourceParameter;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;

/**
 * The contents of a Jingle session-initiate or session-accept (with its XEP-0338 groups) to the SDP a browser's
 * setRemoteDescription takes: the reverse of {@link SdpToJingle}, one media section per content in order, with the
 * mid from the content name.
 *
 * <p>What Jingle does not carry is written as WebRTC's defaults: port 9 with {@code c=IN IP4 0.0.0.0} (RFC 8839: the
 * addresses are in the candidates), {@code UDP/TLS/RTP/SAVPF} for RTP when there is a fingerprint (else
 * {@code RTP/AVPF}). A content whose transport has an XEP-0343 sctpmap is the data channel.
 */
public final class JingleToSdp {

    private static final String SESSION_VERSION = "2";

    private JingleToSdp() {
    }

    /**
     * @param children  the {@code <jingle/>} children: contents and groups (other children are ignored)
     * @param role      whose description the Jingle one is (the initiator's session-initiate or the responder's
     *                  session-accept); directions are written from that party's view
     * @param sessionId RFC 8866's o= sess-id: digits; keep it for the session so a later offer is recognised
     */
    public static SessionDescription translate(List<? extends FullyQualifiedElement> children, SdpRole role,
            String sessionId) {
        List<JingleContent> contents = children.stream().filter(JingleContent.class::isInstance)
                .map(JingleContent.class::cast).toList();
        List<RtpDescription> descriptions = contents.stream().map(JingleContent::getDescription)
                .filter(RtpDescription.class::isInstance).map(RtpDescription.class::cast).toList();
        // Chromium writes extmap-allow-mixed once for the session; it then holds for every section.
        boolean allowMixedForAll = !descriptions.isEmpty() && descriptions.stream()
                .allMatch(d -> !d.getChildElements(ExtmapAllowMixed.class).isEmpty());

        List<SdpSection.Line> sessionLines = List.of(
                new SdpSection.Line('v', "0"),
                new SdpSection.Line('o', "- " + sessionId + ' ' + SESSION_VERSION + " IN IP4 127.0.0.1"),
                new SdpSection.Line('s', "-"),
                new SdpSection.Line('t', "0 0"));
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        for (FullyQualifiedElement child : children) {
            if (child instanceof ContentGroup group) {
                group.getContentNames().forEach(JingleToSdp::mid);
                sessionAttributes.add(new SdpAttribute("group",
                        group.getSemantics() + (group.getContentNames().isEmpty() ? ""
                                : ' ' + String.join(" ", group.getContentNames()))));
            }
        }
        if (allowMixedForAll) {
            sessionAttributes.add(SdpAttribute.property("extmap-allow-mixed"));
        }
        // RFC 8830 section 2: the msid lines are read only with this (Chromium writes it; older Chromium needs it).
        sessionAttributes.add(new SdpAttribute("msid-semantic", " WMS"));
        List<SdpSection> media = new ArrayList<>();
        for (JingleContent content : contents) {
            media.add(section(content, role, allowMixedForAll));
        }
        return new SessionDescription(new SdpSection(null, sessionLines, sessionAttributes), media);
    }

    private static SdpSection section(JingleContent content, SdpRole role, boolean allowMixedAtSession) {
        IceUdpTransport transport = content.getTransport() instanceof IceUdpTransport ice ? ice : null;
        List<SdpSection.Line> lines = new ArrayList<>();
        lines.add(new SdpSection.Line('c', "IN IP4 0.0.0.0"));
        List<SdpAttribute> attributes = new ArrayList<>();
        if (transport != null) {
            transportAttributes(transport, attributes);
        }
        attributes.add(new SdpAttribute("mid", mid(content.getName())));
        MediaLine mediaLine;
        boolean secure = transport != null && !transport.getExtensions(DtlsFingerprint.class).isEmpty();
        if (content.getDescription() instanceof RtpDescription description) {
            List<String> formats = description.getPayloadTypes().stream().map(p -> Integer.toString(p.getId()))
                    .toList();
            mediaLine = new MediaLine(description.getMedia(), MediaLine.PLACEHOLDER_PORT,
                    secure ? MediaLine.RTP_DTLS_PROTOCOL : "RTP/AVPF", formats);
            Bandwidth bandwidth = description.getBandwidth();
            if (bandwidth != null) {
                lines.add(new SdpSection.Line('b', bandwidth.getType() + ':' + bandwidth.getValue()));
            }
            rtpAttributes(description, content.getSenders(), role, allowMixedAtSession, attributes);
        } else {
            ExtensionElement sctpmap = transport == null ? null
                    : transport.getExtensions().stream().filter(KeptElements::isSctpmap).findFirst().orElse(null);
            if (sctpmap == null) {
                throw new IllegalArgumentException("Content '" + content.getName()
                        + "' has neither an RTP description nor an XEP-0343 sctpmap: no SDP for it");
            }
            mediaLine = new MediaLine(MediaLine.APPLICATION, MediaLine.PLACEHOLDER_PORT,
                    MediaLine.SCTP_DTLS_PROTOCOL, List.of(MediaLine.DATA_CHANNEL_FORMAT));
            attributes.add(new SdpAttribute("sctp-port", KeptElements.attribute(sctpmap, KeptElements.SCTPMAP_NUMBER)));
        }
        if (transport != null) {
            for (IceUdpCandidate candidate : transport.getIceCandidates()) {
                attributes.add(new SdpAttribute(CandidateLines.ATTRIBUTE, candidateValue(candidate)));
            }
            if (transport.getExtensions().stream().anyMatch(KeptElements::isEndOfCandidates)) {
                attributes.add(SdpAttribute.property(CandidateLines.END_OF_CANDIDATES));
            }
        }
        return new SdpSection(mediaLine, lines, attributes);
    }

    /**
     * A content name as SDP's mid (RFC 5888's identification-tag, a token): one word, since a=group lists mids
     * separated by spaces. Found by JingleToSdpFuzzTest: a name of spaces made an a=group that reads back otherwise.
     */
    private static String mid(String contentName) {
        return SdpText.requireWord("A content name (it becomes an SDP mid)", contentName);
    }

    /**
     * The candidate's a=candidate value, whose fields are the candidate's own: a space in a peer's foundation or
     * address would shift every field after it, so the browser would read another candidate or none; the foundation
     * is RFC 8839's ({@link CandidateLines#requireFoundation}). Found by JingleToSdpFuzzTest.
     */
    private static String candidateValue(IceUdpCandidate candidate) {
        CandidateLines.requireFoundation(candidate.getFoundation());
        for (String field : new String[] {candidate.getProtocol(), candidate.getIp(), candidate.getRelatedAddress()}) {
            if (field != null && (field.isEmpty() || field.chars().anyMatch(Character::isWhitespace))) {
                throw new IllegalArgumentException("A candidate's protocol and addresses are one word each,"
                        + " not '" + SdpText.printable(field) + "'");
            }
        }
        return CandidateLines.toSdpValue(candidate);
    }

    private static void transportAttributes(IceUdpTransport transport, List<SdpAttribute> attributes) {
        if (transport.getUfrag() != null) {
            attributes.add(new SdpAttribute("ice-ufrag", transport.getUfrag()));
        }
        if (transport.getPwd() != null) {
            attributes.add(new SdpAttribute("ice-pwd", transport.getPwd()));
        }
        List<DtlsFingerprint> fingerprints = transport.getExtensions(DtlsFingerprint.class);
        for (DtlsFingerprint fingerprint : fingerprints) {
            attributes.add(new SdpAttribute("fingerprint", fingerprint.toSdpValue()));
        }
        if (!fingerprints.isEmpty()) {
            // XEP-0320 puts setup on each fingerprint; SDP has one a=setup per section.
            attributes.add(new SdpAttribute("setup", fingerprints.get(0).getSetup().getXmlValue()));
        }
    }

    private static void rtpAttributes(RtpDescription description, Senders senders, SdpRole role,
            boolean allowMixedAtSession, List<SdpAttribute> attributes) {
        for (RtpHeaderExtension extension : description.getChildElements(RtpHeaderExtension.class)) {
            attributes.add(new SdpAttribute("extmap", extmap(extension, role)));
        }
        if (!allowMixedAtSession && !description.getChildElements(ExtmapAllowMixed.class).isEmpty()) {
            attributes.add(SdpAttribute.property("extmap-allow-mixed"));
        }
        attributes.add(SdpAttribute.property(role.direction(senders)));
        List<MediaSource> sources = description.getChildElements(MediaSource.class);
        Set<String> msids = sources.stream().map(s -> s.getParameterValue(SourceParameter.MSID).orElse(null))
                .filter(m -> m != null).collect(Collectors.toSet());
        if (msids.size() == 1) {
            // RFC 8830's media-level msid: what Unified Plan reads; the ssrc lines repeat it for older peers.
            attributes.add(new SdpAttribute("msid", msids.iterator().next()));
        }
        if (description.isRtcpMux()) {
            attributes.add(SdpAttribute.property("rtcp-mux"));
        }
        for (ExtensionElement child : description.getChildElements()) {
            if (child instanceof RtcpFb || child instanceof RtcpFbTrrInt) {
                attributes.add(new SdpAttribute("rtcp-fb", "* " + feedback(child)));
            }
        }
        for (PayloadType payloadType : description.getPayloadTypes()) {
            payloadTypeAttributes(payloadType, attributes);
        }
        for (SsrcGroup group : description.getChildElements(SsrcGroup.class)) {
            // An empty group is "FID", not "FID " (found by SdpToJingleFuzzTest: a line cannot end in a space).
            attributes.add(new SdpAttribute("ssrc-group", group.getSemantics()
                    + group.getSsrcs().stream().map(ssrc -> " " + ssrc).collect(Collectors.joining())));
        }
        Set<String> described = new HashSet<>();
        for (MediaSource source : sources) {
            for (SourceParameter parameter : source.getParameters()) {
                attributes.add(new SdpAttribute("ssrc", source.getSsrc() + " " + parameter.getName()
                        + parameter.getValue().map(v -> ':' + v).orElse("")));
                described.add(String.valueOf(source.getSsrc()));
            }
        }
        describeGroupedSources(description, sources, described, attributes);
    }

    /**
     * Chromium refuses an ssrc-group whose sources have no {@code a=ssrc} line ("Failed to add remote stream ssrc"), and
     * some peers (StanzaJS) describe only a group's first source: the others get the cname of the media section's
     * sources, which is theirs too (RFC 5576: one cname per endpoint).
     */
    private static void describeGroupedSources(RtpDescription description, List<MediaSource> sources, Set<String> described,
            List<SdpAttribute> attributes) {
        Optional<String> cname = sources.stream().map(s -> s.getParameterValue("cname").orElse(null))
                .filter(c -> c != null).findFirst();
        if (cname.isEmpty()) {
            return;
        }
        for (SsrcGroup group : description.getChildElements(SsrcGroup.class)) {
            for (Long ssrc : group.getSsrcs()) {
                if (described.add(String.valueOf(ssrc))) {
                    attributes.add(new SdpAttribute("ssrc", ssrc + " cname:" + cname.get()));
                }
            }
        }
    }

    private static void payloadTypeAttributes(PayloadType payloadType, List<SdpAttribute> attributes) {
        int id = payloadType.getId();
        if (payloadType.getName() != null && payloadType.getClockrate() != null) {
            attributes.add(new SdpAttribute("rtpmap", id + " " + payloadType.getName() + '/'
                    + payloadType.getClockrate()
                    + (payloadType.getChannels() != null && payloadType.getChannels() != 1
                            ? "/" + payloadType.getChannels() : "")));
        }
        for (ExtensionElement child : payloadType.getChildElements()) {
            if (child instanceof RtcpFb || child instanceof RtcpFbTrrInt) {
                attributes.add(new SdpAttribute("rtcp-fb", id + " " + feedback(child)));
            }
        }
        List<Parameter> parameters = payloadType.getParameters();
        if (!parameters.isEmpty()) {
            attributes.add(new SdpAttribute("fmtp", id + " " + parameters.stream()
                    .map(p -> p.getName().isEmpty() ? p.getValue() : p.getValue() == null ? p.getName() : p.getName() + '=' + p.getValue())
                    .collect(Collectors.joining(";"))));
        }
        // SDP's ptime is per section; XEP-0167 has it per payload type (SdpToJingle puts it on each).
        if (payloadType.getPtime() != null) {
            addOnce(attributes, new SdpAttribute("ptime", payloadType.getPtime().toString()));
        }
        if (payloadType.getMaxptime() != null) {
            addOnce(attributes, new SdpAttribute("maxptime", payloadType.getMaxptime().toString()));
        }
    }

    private static void addOnce(List<SdpAttribute> attributes, SdpAttribute attribute) {
        if (attributes.stream().noneMatch(a -> a.name().equals(attribute.name()))) {
            attributes.add(attribute);
        }
    }

    private static String feedback(ExtensionElement child) {
        if (child instanceof RtcpFbTrrInt trrInt) {
            return "trr-int " + trrInt.getValue();
        }
        RtcpFb feedback = (RtcpFb) child;
        return feedback.getType() + (feedback.getSubtype() == null ? "" : ' ' + feedback.getSubtype());
    }

    private static String extmap(RtpHeaderExtension extension, SdpRole role) {
        StringBuilder extmap = new StringBuilder().append(extension.getId());
        if (extension.getSenders() != null && extension.getSenders() != Senders.both) {
            extmap.append('/').append(role.direction(extension.getSenders()));
        }
        extmap.append(' ').append(extension.getUri());
        for (HeaderExtensionParameter parameter : extension.getParameters()) {
            extmap.append(' ').append(parameter.getName()).append(parameter.getValue().map(v -> "=" + v).orElse(""));
        }
        return extmap.toString();
    }
}
