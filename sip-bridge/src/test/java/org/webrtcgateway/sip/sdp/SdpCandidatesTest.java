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
}
