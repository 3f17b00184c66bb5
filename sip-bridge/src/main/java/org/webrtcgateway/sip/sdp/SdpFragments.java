package org.webrtcgateway.sip.sdp;

import java.util.ArrayList;
import java.util.List;

import org.webrtcgateway.core.api.IceCandidate;

/**
 * The {@code application/trickle-ice-sdpfrag} bodies of RFC 8840 (trickle ICE over SIP, INFO
 * package {@code trickle-ice}; format from RFC 8839 section 4.4): the ICE credentials, then for
 * each media section its {@code m=} line, {@code a=mid} and the new candidates, or
 * {@code a=end-of-candidates}.
 */
public final class SdpFragments {

    private SdpFragments() {
    }

    /** A fragment carrying one browser candidate (or end-of-candidates when null/empty) of the media section it belongs to. */
    public static String of(String sdp, IceCandidate candidate) {
        List<List<String>> sections = sections(sdp);
        String ufrag = attribute(sdp, "a=ice-ufrag:");
        String pwd = attribute(sdp, "a=ice-pwd:");
        StringBuilder out = new StringBuilder();
        if (ufrag != null) {
            out.append(ufrag).append("\r\n");
        }
        if (pwd != null) {
            out.append(pwd).append("\r\n");
        }
        for (int index = 0; index < sections.size(); index++) {
            List<String> section = sections.get(index);
            String mid = mid(section);
            boolean end = candidate == null || candidate.isEndOfCandidates();
            boolean mine = end || (candidate.sdpMid() != null && mid != null ? candidate.sdpMid().equals(mid)
                    : candidate.sdpMLineIndex() != null ? candidate.sdpMLineIndex() == index : index == 0);
            if (!mine) {
                continue;
            }
            out.append(section.get(0)).append("\r\n");
            if (mid != null) {
                out.append("a=mid:").append(mid).append("\r\n");
            }
            if (end) {
                out.append("a=end-of-candidates\r\n");
            } else {
                String line = "a=" + candidate.candidate();
                if (line.startsWith("a=candidate:") && line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    out.append(line).append("\r\n");
                }
            }
            if (!end) {
                break;
            }
        }
        return out.toString();
    }

    /** The candidates in a fragment from SIP, with their section's mid and index; an end-of-candidates as an empty candidate. */
    public static List<IceCandidate> parse(String fragment) {
        List<IceCandidate> candidates = new ArrayList<>();
        int index = -1;
        String mid = null;
        String ufrag = null;
        boolean ended = false;
        for (String raw : SdpCandidates.LINE_END.split(fragment)) {
            String line = raw.trim();
            if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring("a=ice-ufrag:".length());
            } else if (line.startsWith("m=")) {
                index++;
                mid = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length());
            } else if (line.startsWith("a=candidate:")) {
                candidates.add(new IceCandidate(line.substring(2), mid, Math.max(index, 0), ufrag));
            } else if (line.equals("a=end-of-candidates")) {
                ended = true;
            }
        }
        if (ended) {
            candidates.add(new IceCandidate("", null, null, null));
        }
        return candidates;
    }

    private static List<List<String>> sections(String sdp) {
        List<List<String>> sections = new ArrayList<>();
        for (String line : SdpCandidates.LINE_END.split(sdp)) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty() && !line.isEmpty()) {
                sections.get(sections.size() - 1).add(line);
            }
        }
        return sections;
    }

    private static String mid(List<String> section) {
        for (String line : section) {
            if (line.startsWith("a=mid:")) {
                return line.substring(6).trim();
            }
        }
        return null;
    }

    private static String attribute(String sdp, String prefix) {
        for (String line : SdpCandidates.LINE_END.split(sdp)) {
            if (line.startsWith(prefix)) {
                return line.trim();
            }
        }
        return null;
    }
}
