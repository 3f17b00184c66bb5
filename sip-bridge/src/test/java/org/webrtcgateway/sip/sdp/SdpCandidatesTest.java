package org.webrtcgateway.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.IceCandidate;

class SdpCandidatesTest {

    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:a\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n";

    @Test
    void eachCandidateJoinsItsMediaSectionByMidAndBecomesItsDefaultAddress() {
        String merged = SdpCandidates.merge(OFFER, List.of(
                new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host", "a", 0, null),
                new IceCandidate("candidate:2 1 udp 2122260223 127.0.0.1 40002 typ host", "v", 1, null)), true);

        assertThat(merged).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\na=mid:a\r\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host\r\na=end-of-candidates\r\n"
                + "m=video 40002 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\na=mid:v\r\n"
                + "a=candidate:2 1 udp 2122260223 127.0.0.1 40002 typ host\r\na=end-of-candidates\r\n");
    }

    @Test
    void withoutEndOfCandidatesTheSectionsStayOpenAndTheSdpIsOtherwiseUnchanged() {
        assertThat(SdpCandidates.merge(OFFER, List.of(), false)).isEqualTo(OFFER);
    }

    @Test
    void aCandidateThatWouldAddALineToTheSdpIsDropped() {
        String merged = SdpCandidates.merge(OFFER, List.of(
                new IceCandidate("candidate:1 1 udp 1 127.0.0.1 4 typ host\r\na=evil", "a", 0, null)), false);

        assertThat(merged).doesNotContain("evil").doesNotContain("a=candidate");
    }

    @Test
    void candidatesWithOnlyAnIndexFindTheirSectionByPosition() {
        String merged = SdpCandidates.merge(OFFER.replace("a=mid:v\r\n", ""), List.of(
                new IceCandidate("candidate:2 1 udp 1 127.0.0.1 40002 typ host", null, 1, null)), false);

        assertThat(merged).endsWith("m=video 40002 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\n"
                + "a=candidate:2 1 udp 1 127.0.0.1 40002 typ host\r\n");
    }

    /** Found by SdpCandidatesFuzzTest: the port and address fields went into m= and c= as they were. */
    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "candidate:1 1 udp 1 127.0.0056 102. typ host",
        "candidate:1 1 udp 1 127.0.0.1 0 typ host",
        "candidate:1 1 udp 1 127.0.0.1 65536 typ host",
        "candidate:1 1 udp 1 127.0.0.1 -5 typ host",
        "candidate:1 1 udp 1 999.0.0.1 40000 typ host",
        "candidate:1 1 udp 1 /etc/passwd 40000 typ host",
        "candidate:1 1 udp 1 4b6bf8e6.local 40000 typ host"})
    void aCandidateWhosePortOrAddressIsNoneIsAddedButNotMadeTheDefaultAddress(String candidate) {
        String merged = SdpCandidates.merge(OFFER, List.of(new IceCandidate(candidate, "a", 0, null)), false);

        assertThat(merged).contains("a=" + candidate + "\r\n")
                .contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n");
    }

    @Test
    void anIpv6OrHostNameCandidateBecomesTheDefaultAddress() {
        assertThat(SdpCandidates.merge(OFFER, List.of(new IceCandidate("candidate:1 1 udp 1 2001:db8::5 40000 typ host", "a", 0,
                null)), false)).contains("m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP6 2001:db8::5\r\n");
        assertThat(SdpCandidates.merge(OFFER, List.of(new IceCandidate("candidate:1 1 udp 1 turn.example.org 3478 typ relay", "a", 0,
                null)), false)).contains("m=audio 3478 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 turn.example.org\r\n");
    }

    /** Found by SdpCandidatesFuzzTest: a CR alone stayed inside a line, which a peer that splits at CR reads as two. */
    @Test
    void aLoneCarriageReturnEndsALineInTheMergedSdpAndTheInfoFragment() {
        String sdp = OFFER.replace("s=-\r\n", "s=-\r").replace("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n", "m=video 9 UDP/TLS/RTP/SAVPF 96\r");
        IceCandidate candidate = new IceCandidate("candidate:2 1 udp 1 127.0.0.1 40002 typ host", "v", 1, null);

        String merged = SdpCandidates.merge(sdp, List.of(candidate), false);
        String fragment = SdpFragments.of(sdp, candidate);

        assertThat(merged).contains("s=-\r\nt=0 0\r\n").contains("m=video 40002 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\n");
        assertThat(merged.replace("\r\n", "")).doesNotContain("\r");
        assertThat(fragment).isEqualTo("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\na=candidate:2 1 udp 1 127.0.0.1 40002 typ host\r\n");
    }
}
