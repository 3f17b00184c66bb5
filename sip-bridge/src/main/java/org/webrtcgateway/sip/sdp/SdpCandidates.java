package org.webrtcgateway.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.webrtcgateway.core.api.IceCandidate;

/**
 * Puts a browser's trickled candidates into its SDP, for SIP peers that do not trickle: each
 * candidate becomes an {@code a=candidate} line of the media section it belongs to (by
 * {@code sdpMid}, else {@code sdpMLineIndex}), every section gets {@code a=end-of-candidates} when the
 * browser said it was done, and the first candidate of component 1 becomes the section's default
 * address in {@code m=} and {@code c=} (RFC 8839 section 4.2.1.1), so a peer that ignores ICE still
 * sends media somewhere real instead of to {@code 0.0.0.0:9}.
 */
public final class SdpCandidates {

    /**
     * Where an SDP line ends: CRLF, LF, or a CR alone, which a SIP peer may take for a line end too (found by
     * SdpCandidatesFuzzTest: a lone CR kept inside a line made one line of the bridge two of the peer's).
     */
    static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");

    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\.[0-9]{1,3}){0,3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9\\-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}))*");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");

    private SdpCandidates() {
    }

    public static String merge(String sdp, List<IceCandidate> candidates, boolean complete) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> session = new ArrayList<>();
        List<List<String>> sections = new ArrayList<>();
        for (String line : LINE_END.split(sdp)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            (sections.isEmpty() ? session : sections.get(sections.size() - 1)).add(line);
        }
        for (int index = 0; index < sections.size(); index++) {
            List<String> section = sections.get(index);
            String mid = mid(section);
            List<String> lines = new ArrayList<>();
            for (IceCandidate candidate : candidates) {
                if (candidate.isEndOfCandidates() || !belongs(candidate, mid, index)) {
                    continue;
                }
                String line = "a=" + (candidate.candidate().startsWith("a=") ? candidate.candidate().substring(2) : candidate.candidate());
                if (!section.contains(line) && !lines.contains(line) && isSafe(line)) {
                    lines.add(line);
                }
            }
            section.addAll(lines);
            if (complete && !section.contains("a=end-of-candidates")) {
                section.add("a=end-of-candidates");
            }
            setDefaultAddress(section);
        }
        StringBuilder out = new StringBuilder();
        session.forEach(l -> out.append(l).append(eol));
        sections.forEach(s -> s.forEach(l -> out.append(l).append(eol)));
        return out.toString();
    }

    private static boolean belongs(IceCandidate candidate, String mid, int index) {
        if (candidate.sdpMid() != null && mid != null) {
            return candidate.sdpMid().equals(mid);
        }
        return candidate.sdpMLineIndex() != null ? candidate.sdpMLineIndex() == index : index == 0;
    }

    /** A candidate line is one line of printable ASCII; anything else would corrupt the SDP. */
    private static boolean isSafe(String line) {
        return line.startsWith("a=candidate:") && line.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String mid(List<String> section) {
        for (String line : section) {
            if (line.startsWith("a=mid:")) {
                return line.substring(6).trim();
            }
        }
        return null;
    }

    /**
     * An IPv4 or IPv6 address or a host name, written into {@code c=}: not an mDNS name ({@code .local}), which a SIP
     * peer cannot resolve, nor anything else a browser may have put in a candidate's address field.
     */
    private static boolean isAddress(String text) {
        return !text.endsWith(".local") && (IPV4.matcher(text).matches() || IPV6.matcher(text).matches()
                || HOST_NAME.matcher(text).matches());
    }

    /** 1 to 65535, written into {@code m=}: found by SdpCandidatesFuzzTest, a candidate's port "102." went there as it was. */
    private static boolean isPort(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text) <= 65535;
    }

    /** Sets m= port and c= address from the first component-1 UDP (else any) candidate of the section. */
    private static void setDefaultAddress(List<String> section) {
        String[] best = null;
        for (String line : section) {
            if (!line.startsWith("a=candidate:")) {
                continue;
            }
            String[] f = line.substring("a=candidate:".length()).split(" ");
            if (f.length < 8 || !f[1].equals("1") || !isAddress(f[4]) || !isPort(f[5])) {
                continue;
            }
            if (best == null || (f[2].equalsIgnoreCase("udp") && !best[2].equalsIgnoreCase("udp"))) {
                best = f;
            }
        }
        if (best == null) {
            return;
        }
        String address = best[4];
        String port = best[5];
        String ipVersion = address.contains(":") ? "IP6" : "IP4";
        String m = section.get(0);
        String[] mf = m.split(" ", 3);
        if (mf.length == 3 && mf[1].equals("9")) {
            section.set(0, mf[0] + " " + port + " " + mf[2]);
        }
        for (int i = 1; i < section.size(); i++) {
            if (section.get(i).startsWith("c=IN ") && section.get(i).endsWith(" 0.0.0.0")) {
                section.set(i, "c=IN " + ipVersion + " " + address);
            }
        }
    }
}
