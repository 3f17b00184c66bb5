package org.webrtcgateway.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.protocol.ClientMessage;
import org.webrtcgateway.core.protocol.Inbound;
import org.webrtcgateway.core.protocol.JsonDecoder;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * How the SIP bridge puts a browser's trickled candidates into the SDP a SIP peer gets ({@link SdpCandidates}) and
 * into RFC 8840's INFO fragments ({@link SdpFragments}), coverage-guided (ADR 0018). An input is what the browser
 * sends, one PROTOCOL.md frame a line: an {@code offer} or {@code answer}, then {@code candidate}s ({@code null} for
 * the end of them); the seeds in {@code SdpCandidatesFuzzTestInputs/} are Chromium's.
 */
class SdpCandidatesFuzzTest {

    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:\\-]+");

    private final JsonDecoder decoder = new JsonDecoder();

    /**
     * Merging keeps every line of the browser's SDP in order, adds each candidate of a section once and only as one
     * line of printable ASCII, makes a candidate the default address only as a real port and address, and is
     * idempotent; the INFO fragment of a candidate parses back to it.
     */
    @FuzzTest
    @Timeout(10)
    void eachCandidateJoinsItsSectionOnceAsOneCleanLine(byte[] input) {
        String sdp = null;
        List<IceCandidate> candidates = new ArrayList<>();
        boolean complete = false;
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            if (!(decoder.decode(line) instanceof Inbound.Request request)) {
                continue;
            }
            if (sdp == null && request.message() instanceof ClientMessage.Offer offer) {
                sdp = offer.sdp().text();
            } else if (sdp == null && request.message() instanceof ClientMessage.Answer answer) {
                sdp = answer.sdp().text();
            } else if (request.message() instanceof ClientMessage.Candidate candidate) {
                if (candidate.candidate() == null || candidate.candidate().isEndOfCandidates()) {
                    complete = true;
                } else {
                    candidates.add(candidate.candidate());
                }
            }
        }
        if (sdp == null) {
            return;
        }

        String merged = SdpCandidates.merge(sdp, candidates, complete);

        assertThat(SdpCandidates.merge(merged, candidates, complete)).as("merging again changes nothing").isEqualTo(merged);
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        assertThat(merged.replace(eol, "").chars().noneMatch(c -> c == '\r' || c == '\n'))
                .as("every line ends with the SDP's own line end, and nothing else breaks a line").isTrue();
        List<String> before = lines(sdp);
        List<String> after = lines(merged);
        int next = 0;
        for (String line : after) {
            if (next < before.size() && line.equals(before.get(next))) {
                next++;
            } else if (next < before.size() && isDefaultAddress(line, before.get(next))) {
                next++;
            } else {
                assertThat(line).as("a line merging added").matches(added -> added.equals("a=end-of-candidates")
                        || candidates.stream().anyMatch(c -> added.equals("a=" + c.candidate())
                                || added.equals(c.candidate())));
                assertThat(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("printable ASCII: %s", line).isTrue();
            }
        }
        assertThat(next).as("every line of the browser's SDP is kept, in order").isEqualTo(before.size());
        for (IceCandidate candidate : candidates) {
            fragmentParsesBack(sdp, candidate);
        }
    }

    /** {@code line} is {@code original} (an m= or c= line) with a candidate's port or address as the default one. */
    private static boolean isDefaultAddress(String line, String original) {
        if (original.startsWith("m=") && line.startsWith("m=")) {
            String[] was = original.split(" ", 3);
            String[] is = line.split(" ", 3);
            return is.length == 3 && was.length == 3 && was[0].equals(is[0]) && was[2].equals(is[2]) && was[1].equals("9")
                    && PORT.matcher(is[1]).matches() && Integer.parseInt(is[1]) <= 65535;
        }
        if (original.startsWith("c=IN ") && original.endsWith(" 0.0.0.0") && line.startsWith("c=IN IP")) {
            String[] is = line.split(" ");
            return is.length == 3 && (is[1].equals("IP4") || is[1].equals("IP6")) && ADDRESS.matcher(is[2]).matches();
        }
        return false;
    }

    /** RFC 8840's INFO body for one candidate: one clean line per field, and the candidate and its mid come back out. */
    private static void fragmentParsesBack(String sdp, IceCandidate candidate) {
        String fragment = SdpFragments.of(sdp, candidate);

        List<IceCandidate> parsed = SdpFragments.parse(fragment);

        assertThat(fragment.replace("\r\n", "").chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0))
                .as("no line break or NUL but CRLF in %s", fragment).isTrue();
        String line = "a=" + candidate.candidate();
        boolean written = fragment.contains("\r\n" + line + "\r\n") || fragment.startsWith(line + "\r\n");
        if (written) {
            assertThat(parsed).as("the candidate of %s", fragment).anyMatch(c -> c.candidate().equals(candidate.candidate().strip()));
        }
    }

    /** The non-empty lines, as the bridge splits them. */
    private static List<String> lines(String sdp) {
        return java.util.Arrays.stream(SdpCandidates.LINE_END.split(sdp)).filter(l -> !l.isEmpty()).toList();
    }
}
