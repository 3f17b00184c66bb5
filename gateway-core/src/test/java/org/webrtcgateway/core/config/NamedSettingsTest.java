package org.webrtcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Settings of named things, e.g. one block of keys per SIP account. */
class NamedSettingsTest {

    private static final Setting<String> AOR = Setting.string("sip.account.<user>.aor", null, "address of record");
    private static final Setting<Integer> EXPIRES = Setting.integer("sip.account.<user>.expires", 600, 60, 86400, "expiry");

    @Test
    void theNamesConfiguredForAPatternAreListedAndEachReadsItsOwnKeys() {
        Settings settings = Settings.of(Map.of(
                "sip.account.alice.aor", "sip:alice@pbx",
                "sip.account.bob.aor", "sip:bob@pbx",
                "sip.account.bob.expires", "120"));

        assertThat(settings.names(AOR)).containsExactly("alice", "bob");
        assertThat(settings.get(AOR.forName("bob"))).isEqualTo("sip:bob@pbx");
        assertThat(settings.get(EXPIRES.forName("alice"))).isEqualTo(600);
        assertThat(settings.get(EXPIRES.forName("bob"))).isEqualTo(120);
    }

    @Test
    void validationAcceptsNamedKeysChecksTheirValuesAndStillRefusesUnknownOnes() {
        List<Setting<?>> known = List.of(AOR, EXPIRES);

        Settings.of(Map.of("sip.account.alice.aor", "sip:alice@pbx")).validate(known);
        assertThatThrownBy(() -> Settings.of(Map.of("sip.account.alice.expires", "soon")).validate(known))
                .hasMessageContaining("sip.account.alice.expires");
        assertThatThrownBy(() -> Settings.of(Map.of("sip.account.alice.passwrd", "x")).validate(known))
                .hasMessageContaining("unknown setting 'sip.account.alice.passwrd'");
    }
}
