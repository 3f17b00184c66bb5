package org.webrtcgateway.xmpp.sdp;

import java.util.Locale;
import java.util.regex.Pattern;

import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpCandidate;

/**
 * SDP's {@code a=candidate} (RFC 8839 section 5.1) to XEP-0176's {@code <candidate/>} and back.
 *
 * <p>Mapped: foundation, component, transport, priority, address, port, typ, raddr/rport, and the extensions
 * {@code generation}, {@code network-id} (XEP-0176's 'network') and {@code tcptype} (RFC 6544). Dropped: other
 * extensions, such as Chromium's {@code network-cost} and {@code ufrag} (the transport carries the ufrag): XEP-0176
 * has no place for them and ICE does not need them.
 *
 * <p>SDP has no candidate id, which XEP-0176 requires: it is derived from the candidate's line, so the same candidate
 * gets the same id in a session-initiate and a later transport-info.
 */
public final class CandidateLines {

    public static final String ATTRIBUTE = "candidate";
    public static final String END_OF_CANDIDATES = "end-of-candidates";

    private static final Pattern FOUNDATION = Pattern.compile("[A-Za-z0-9+/]{1,32}");

    private CandidateLines() {
    }

    /**
     * @param line {@code a=candidate:...}, {@code candidate:...} (as RTCIceCandidate.candidate has it) or just the
     *             attribute value
     * @throws IllegalArgumentException if it is not a candidate line
     */
    public static IceUdpCandidate toCandidate(String line) {
        String value = attributeValue(line);
        String[] f = value.split(" +");
        if (f.length < 8 || !"typ".equals(f[6])) {
            throw new IllegalArgumentException("Not a candidate attribute (RFC 8839 section 5.1): '" + line + "'");
        }
        IceUdpCandidate.Builder candidate = IceUdpCandidate.builder()
                .setFoundation(requireFoundation(f[0]))
                .setComponent(Integer.parseInt(f[1]))
                .setProtocol(f[2].toLowerCase(Locale.ROOT))
                .setPriority(Long.parseLong(f[3]))
                .setIp(f[4])
                .setPort(Integer.parseInt(f[5]))
                .setType(IceUdpCandidate.Type.fromXmlValue(f[7].toLowerCase(Locale.ROOT)))
                .setGeneration(0)
                .setId(idOf(f));
        for (int i = 8; i + 1 < f.length; i += 2) {
            String extension = f[i];
            String extensionValue = f[i + 1];
            switch (extension) {
                case "raddr" -> candidate.setRelatedAddress(extensionValue);
                case "rport" -> candidate.setRelatedPort(Integer.parseInt(extensionValue));
                case "generation" -> candidate.setGeneration(Integer.parseInt(extensionValue));
                case "network-id" -> candidate.setNetwork(Integer.parseInt(extensionValue));
                case "tcptype" -> candidate.setTcpType(IceUdpCandidate.TcpType.fromXmlValue(extensionValue));
                default -> {
                    // network-cost, ufrag and others: no place in XEP-0176 (see the class comment)
                }
            }
        }
        return candidate.build();
    }

    /**
     * RFC 8839's foundation: 1 to 32 ice-chars. Anything else is refused both ways: a browser would refuse the
     * candidate, and a "candidate:" in a Jingle peer's foundation read back as the attribute's own prefix (found by
     * JingleToSdpFuzzTest; SdpToJingleFuzzTest then found the browser's side must refuse the same).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static String requireFoundation(String foundation) {
        if (foundation == null || !FOUNDATION.matcher(foundation).matches()) {
            throw new IllegalArgumentException("A candidate's foundation is 1 to 32 of A-Z a-z 0-9 + /, not '"
                    + (foundation == null ? null : SdpText.printable(foundation)) + "'");
        }
        return foundation;
    }

    /** The attribute value, without {@code a=candidate:}, in the order and with the names Chromium writes. */
    public static String toSdpValue(IceUdpCandidate candidate) {
        StringBuilder value = new StringBuilder()
                .append(candidate.getFoundation()).append(' ')
                .append(candidate.getComponent()).append(' ')
                .append(candidate.getProtocol()).append(' ')
                .append(candidate.getPriority()).append(' ')
                .append(candidate.getIp()).append(' ')
                .append(candidate.getPort())
                .append(" typ ").append(candidate.getType().getXmlValue());
        if (candidate.getRelatedAddress() != null) {
            value.append(" raddr ").append(candidate.getRelatedAddress());
        }
        if (candidate.getRelatedPort() != null) {
            value.append(" rport ").append(candidate.getRelatedPort());
        }
        if (candidate.getTcpType() != null) {
            value.append(" tcptype ").append(candidate.getTcpType().getXmlValue());
        }
        value.append(" generation ").append(candidate.getGeneration());
        if (candidate.getNetwork() != null) {
            value.append(" network-id ").append(candidate.getNetwork());
        }
        return value.toString();
    }

    /** {@code candidate:...}, as RTCIceCandidate.candidate and addIceCandidate() have it. */
    public static String toTrickleLine(IceUdpCandidate candidate) {
        return ATTRIBUTE + ':' + toSdpValue(candidate);
    }

    private static String attributeValue(String line) {
        String value = line.strip();
        if (value.startsWith("a=")) {
            value = value.substring(2);
        }
        if (value.startsWith(ATTRIBUTE + ':')) {
            value = value.substring(ATTRIBUTE.length() + 1);
        }
        return value;
    }

    /** Stable for the candidate's identity (foundation, component, transport, address, port), unique in practice. */
    private static String idOf(String[] f) {
        String identity = f[0] + ' ' + f[1] + ' ' + f[2] + ' ' + f[4] + ' ' + f[5];
        return "c" + Integer.toHexString(identity.hashCode());
    }
}
