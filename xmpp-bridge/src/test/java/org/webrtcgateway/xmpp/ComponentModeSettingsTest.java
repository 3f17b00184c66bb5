package org.webrtcgateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.xmpp.XmppConfig.ComponentConfig;

/** The xmpp.mode and xmpp.component.* settings: what component mode needs, and what would be silently unused is refused. */
class ComponentModeSettingsTest {

    private static Map<String, String> component() {
        Map<String, String> settings = new HashMap<>();
        settings.put("xmpp.mode", "component");
        settings.put("xmpp.component.domain", "gw.example.org");
        settings.put("xmpp.component.secret", "s3cret");
        return settings;
    }

    private static XmppConfig config(Map<String, String> settings) {
        return XmppConfig.from(Settings.of(settings));
    }

    @Test
    void accountsAreTheDefaultMode() {
        assertThat(config(Map.of()).componentMode()).isFalse();
    }

    @Test
    void componentModeHasTheDomainTheSecretAndTheServersComponentPortByDefault() {
        ComponentConfig component = config(component()).component();

        assertThat(component.domain().toString()).isEqualTo("gw.example.org");
        assertThat(component.secret()).isEqualTo("s3cret");
        assertThat(component.host()).isEqualTo("localhost");
        assertThat(component.port()).isEqualTo(5347);
        assertThat(component.toString()).doesNotContain("s3cret");
    }

    @Test
    void theServerIsHostAndPort() {
        Map<String, String> settings = component();
        settings.put("xmpp.component.server", "xmpp.internal:15347");

        assertThat(config(settings).component().host()).isEqualTo("xmpp.internal");
        assertThat(config(settings).component().port()).isEqualTo(15347);
        settings.put("xmpp.component.server", "xmpp.internal");
        assertThatThrownBy(() -> config(settings)).isInstanceOf(ConfigException.class).hasMessageContaining("xmpp.component.server");
    }

    @Test
    void theSecretMayComeFromAFileWithoutItsLineEnd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "from-a-file\n");
        Map<String, String> settings = component();
        settings.remove("xmpp.component.secret");
        settings.put("xmpp.component.secret-file", file.toString());

        assertThat(config(settings).component().secret()).isEqualTo("from-a-file");
    }

    @Test
    void componentModeWithoutADomainOrASecretIsRefusedByName() {
        Map<String, String> noDomain = component();
        noDomain.remove("xmpp.component.domain");
        Map<String, String> noSecret = component();
        noSecret.remove("xmpp.component.secret");

        assertThatThrownBy(() -> config(noDomain)).isInstanceOf(ConfigException.class).hasMessageContaining("xmpp.component.domain");
        assertThatThrownBy(() -> config(noSecret)).isInstanceOf(ConfigException.class).hasMessageContaining("xmpp.component.secret");
    }

    @Test
    void aSecretGivenTwoWaysIsRefused(@TempDir Path dir) throws Exception {
        Map<String, String> settings = component();
        settings.put("xmpp.component.secret-file", Files.writeString(dir.resolve("secret"), "x").toString());

        assertThatThrownBy(() -> config(settings)).isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    }

    @Test
    void settingsTheModeWouldNotUseAreRefused() {
        Map<String, String> accountsInComponentMode = component();
        accountsInComponentMode.put("xmpp.account.alice.jid", "alice@example.org");
        accountsInComponentMode.put("xmpp.account.alice.password", "pw");

        assertThatThrownBy(() -> config(accountsInComponentMode)).isInstanceOf(ConfigException.class).hasMessageContaining("xmpp.account");
        assertThatThrownBy(() -> config(Map.of("xmpp.component.domain", "gw.example.org"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("xmpp.mode");
        assertThatThrownBy(() -> config(Map.of("xmpp.mode", "components"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'accounts' or 'component'");
    }
}
