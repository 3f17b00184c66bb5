package org.webrtcgateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.net.AddressRanges;

/** The sip.* settings: defaults, accounts, and refusal of anything that could break a SIP header. */
class SipConfigTest {

    private static Settings settings(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(map);
    }

    @Test
    void withoutSettingsTheBridgeIsOff() {
        SipConfig config = SipConfig.from(Settings.empty());

        assertThat(config.enabled()).isFalse();
        assertThat(config.accounts()).isEmpty();
    }

    @Test
    void anAccountTakesItsAuthUserFromTheAddressOfRecordAndItsProxyFromTheDefault() {
        SipConfig config = SipConfig.from(settings("sip.enabled", "true", "sip.proxy", "pbx.example.org:5080",
                "sip.account.alice.aor", "sip:1001@pbx.example.org", "sip.account.alice.password", "secret"));

        SipAccount alice = config.accounts().get("alice");
        assertThat(alice.aor()).isEqualTo("sip:1001@pbx.example.org");
        assertThat(alice.authUser()).isEqualTo("1001");
        assertThat(alice.proxy()).isEqualTo("pbx.example.org:5080");
        assertThat(alice.register()).isTrue();
        assertThat(config.accountOf("alice")).contains(alice);
        assertThat(config.accountOf("carol")).isEmpty();
    }

    @Test
    void trunkModeGivesEveryUserAnUnregisteredAccountWithTheirNameEscaped() {
        SipConfig config = SipConfig.from(settings("sip.enabled", "true", "sip.proxy", "10.0.0.1",
                "sip.trunk.domain", "gw.example.org"));

        SipAccount carol = config.accountOf("carol@home").orElseThrow();
        assertThat(carol.aor()).isEqualTo("sip:carol%40home@gw.example.org");
        assertThat(carol.register()).isFalse();
    }

    @Test
    void enabledWithNobodyToCallAsIsRefused() {
        assertThatThrownBy(() -> SipConfig.from(settings("sip.enabled", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.enabled");
    }

    @Test
    void addressesOfRecordThatCouldBreakAHeaderAreRefused() {
        for (String aor : new String[] {"sip:1001@pbx>;evil", "sip:10 01@pbx", "sip:1001@pbx\r\nX: y", "\"Alice\" <sip:1001@pbx>",
                "sip:1001@pbx?Subject=x", "tel:+1555", "sip:pbx.example.org"}) {
            assertThatThrownBy(() -> SipConfig.from(settings("sip.proxy", "pbx", "sip.account.alice.aor", aor)))
                    .as(aor).isInstanceOf(ConfigException.class).hasMessageContaining("sip.account.alice.aor");
        }
    }

    @Test
    void authUsersProxiesAndHostsAreChecked() {
        assertThatThrownBy(() -> SipConfig.from(settings("sip.proxy", "pbx", "sip.account.alice.aor", "sip:1001@pbx",
                "sip.account.alice.auth-user", "bad\"user"))).hasMessageContaining("sip.account.alice.auth-user");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.proxy", "pbx;lr>", "sip.account.alice.aor", "sip:1001@pbx")))
                .hasMessageContaining("sip.proxy");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.contact-host", "gw example")))
                .hasMessageContaining("sip.contact-host");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.account.alice.aor", "sip:1001@pbx")))
                .hasMessageContaining("sip.proxy");
    }

    @Test
    void keysOfAnAccountWithoutAnAddressOfRecordAreRefused() {
        assertThatThrownBy(() -> SipConfig.from(settings("sip.proxy", "pbx", "sip.account.alcie.password", "x")))
                .hasMessageContaining("sip.account.alcie.password").hasMessageContaining("sip.account.alcie.aor");
    }

    @Test
    void withoutTrustedSourcesEveryProxyTheBridgeSendsToIsTrusted() {
        SipConfig config = SipConfig.from(settings("sip.proxy", "pbx.example.org:5080", "sip.account.alice.aor", "sip:1001@pbx",
                "sip.account.bob.aor", "sip:1002@pbx", "sip.account.bob.proxy", "192.0.2.7"));

        assertThat(config.trustedSourceEntries()).containsExactlyInAnyOrder("pbx.example.org:5080", "192.0.2.7");
        assertThat(config.edge().silent()).isFalse();
    }

    @Test
    void configuredTrustedSourcesReplaceTheProxiesAndAreCheckedAtStart() {
        SipConfig config = SipConfig.from(settings("sip.proxy", "pbx", "sip.account.alice.aor", "sip:1001@pbx",
                "sip.trusted-sources", "10.0.0.0/8, pbx.example.org", "sip.untrusted-policy", "silent"));

        assertThat(config.trustedSourceEntries()).containsExactly("10.0.0.0/8", "pbx.example.org");
        assertThat(config.edge().silent()).isTrue();
        assertThatThrownBy(() -> SipConfig.from(settings("sip.trusted-sources", "10.0.0.0/40")))
                .hasMessageContaining("sip.trusted-sources").hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.untrusted-policy", "drop")))
                .hasMessageContaining("sip.untrusted-policy");
    }

    @Test
    void transportsAreUdpTcpOrTls() {
        assertThat(SipConfig.from(settings("sip.transports", "TCP, udp")).transports()).containsExactly("tcp", "udp");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.transports", "sctp"))).hasMessageContaining("sip.transports");
    }

    @Test
    void theTlsTransportNeedsTheGatewaysCertificate() {
        assertThatThrownBy(() -> SipConfig.from(settings("sip.enabled", "true", "sip.transports", "tls",
                "sip.proxy", "pbx", "sip.account.alice.aor", "sip:1001@pbx"))).hasMessageContaining("sip.tls-keystore");
    }

    @Test
    void dialPlanRulesNeedBothHalvesAndAValidExpression() {
        assertThatThrownBy(() -> SipConfig.from(settings("sip.dial-plan.uk.match", "^tel:\\+44(.*)$")))
                .hasMessageContaining("sip.dial-plan.uk.to");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.dial-plan.uk.match", "([", "sip.dial-plan.uk.to", "sip:x@y")))
                .hasMessageContaining("sip.dial-plan.uk.match");
        assertThatThrownBy(() -> SipConfig.from(settings("sip.incoming.desk.match", "sip:.*", "sip.incoming.desk.user", "bad name")))
                .hasMessageContaining("sip.incoming.desk.user");
    }
}
