package org.webrtcgateway.sip.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;

/** The media keys: what each account, the trunk and each rule speak, and the rtpengine instances that need. */
class MediaConfigTest {

    private static final String PLAIN = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @Test
    void anAccountARuleAndTheTrunkEachSayWhatTheirFarEndsSpeakAndTheRuleWins() {
        MediaConfig config = MediaConfig.from(Settings.of(Map.of(
                "sip.account.alice.aor", "sip:1001@pbx", "sip.account.alice.media", "rtp",
                "sip.dial-plan.desk.match", "tel:(.*)", "sip.dial-plan.desk.media", "Auto",
                "sip.trunk.media", "rtp", "sip.rtpengine.ng", "127.0.0.1:2223, [::1]:2224")));

        assertThat(config.incoming("alice", false)).isEqualTo(MediaMode.RTP);
        assertThat(config.incoming("bob", false)).as("an account without the key").isEqualTo(MediaMode.WEBRTC);
        assertThat(config.incoming("carol", true)).isEqualTo(MediaMode.RTP);
        assertThat(config.outgoing("alice", false, Optional.of("desk"))).isEqualTo(MediaMode.AUTO);
        assertThat(config.outgoing("alice", false, Optional.empty())).isEqualTo(MediaMode.RTP);
        assertThat(config.rtpengines()).extracting(a -> a.getHostString() + ":" + a.getPort()).containsExactly("127.0.0.1:2223", "::1:2224");
    }

    @Test
    void aModeOtherThanWebrtcWithoutAnyRtpengineStopsStartUpNamingTheKeys() {
        assertThatThrownBy(() -> MediaConfig.from(Settings.of(Map.of("sip.account.alice.aor", "sip:1001@pbx",
                "sip.account.alice.media", "auto"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.rtpengine.ng").hasMessageContaining("sip.account.alice.media");
    }

    @Test
    void aBadModeOrAddressOrAModeForAnAccountThatDoesNotExistIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> MediaMode.parse("srtp")).hasMessageContaining("expected 'webrtc', 'rtp' or 'auto', got 'srtp'");
        assertThat(Settings.of(Map.of("sip.rtpengine.ng", "127.0.0.1")).problems(MediaConfig.SETTINGS))
                .anyMatch(problem -> problem.contains("expected host:port"));
        assertThatThrownBy(() -> MediaConfig.from(Settings.of(Map.of("sip.account.zoe.media", "rtp", "sip.rtpengine.ng", "127.0.0.1:2223"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("account 'zoe' has no sip.account.zoe.aor");
    }

    @Test
    void autoRelaysAPlainRtpOfferAndPassesAWebRtcOneThrough() {
        assertThat(MediaMode.AUTO.relays(PLAIN)).isTrue();
        assertThat(MediaMode.AUTO.relays(PLAIN.replace("RTP/AVP", "RTP/SAVP"))).as("SDES-SRTP is no WebRTC either").isTrue();
        assertThat(MediaMode.AUTO.relays(PLAIN + "a=fingerprint:sha-256 AB:CD\r\n")).isFalse();
        assertThat(MediaMode.AUTO.relays(PLAIN.replace("RTP/AVP", "UDP/TLS/RTP/SAVPF") + "a=ice-ufrag:x\r\n")).isFalse();
        assertThat(MediaMode.AUTO.relays(null)).as("an outgoing call: we offer first").isTrue();
        assertThat(MediaMode.WEBRTC.relays(PLAIN)).isFalse();
        assertThat(MediaMode.RTP.relays(PLAIN.replace("RTP/AVP", "UDP/TLS/RTP/SAVPF"))).isTrue();
    }
}
