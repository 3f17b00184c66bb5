package org.webrtcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Settings} and {@link Setting}: typed keys, parsing, and start-up validation that names the bad key. */
class SettingsTest {

    private static final Setting<Duration> TIMEOUT = Setting.duration("test.timeout", Duration.ofSeconds(30), "a duration");
    private static final Setting<List<String>> URLS = Setting.list("test.urls", "a list");
    private static final Setting<Integer> COUNT = Setting.integer("test.count", 5, 1, 100, "an integer");
    private static final Setting<Boolean> FLAG = Setting.bool("test.flag", false, "a boolean");
    private static final Setting<String> NAME = Setting.string("test.name", "default", "a string");
    private static final List<Setting<?>> KNOWN = List.of(TIMEOUT, URLS, COUNT, FLAG, NAME);

    private static Settings settings(String key, String value) {
        return Settings.of(Map.of(key, value));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1} ms")
    @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "2d, 172800000", "1.5s, 1500", "10, 10000", "0, 0", "0ms, 0",
            "' 2m ', 120000", "30S, 30000", "100 ms, 100"})
    void durationsAcceptMillisecondsSecondsMinutesHoursDaysAndBareSeconds(String text, long millis) {
        assertThat(settings("test.timeout", text).get(TIMEOUT)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"abc", "5x", "1w", "ms", "s", "1h30m", "--1s"})
    void aDurationThatDoesNotParseIsAConfigErrorNamingTheKey(String text) {
        assertThatThrownBy(() -> settings("test.timeout", text).get(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timeout")
                .hasMessageContaining(text.trim());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-1s", "-250ms", "-5"})
    void aNegativeDurationIsAConfigErrorNamingTheKey(String text) {
        assertThatThrownBy(() -> settings("test.timeout", text).get(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timeout");
    }

    @Test
    void anAbsentKeyGivesTheDefault() {
        assertThat(Settings.empty().get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Settings.empty().get(URLS)).isEmpty();
        assertThat(Settings.empty().get(COUNT)).isEqualTo(5);
        assertThat(Settings.empty().get(NAME)).isEqualTo("default");
    }

    @Test
    void listsAreCommaSeparatedTrimmedAndSkipEmptyItems() {
        assertThat(settings("test.urls", " stun:a:3478 , turn:b:3478?transport=udp,, turns:c ,").get(URLS))
                .containsExactly("stun:a:3478", "turn:b:3478?transport=udp", "turns:c");
        assertThat(settings("test.urls", "one").get(URLS)).containsExactly("one");
        assertThat(settings("test.urls", "").get(URLS)).isEmpty();
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        assertThat(settings("test.count", "42").get(COUNT)).isEqualTo(42);
        assertThat(settings("test.count", "1_0").get(COUNT)).isEqualTo(10);
        assertThatThrownBy(() -> settings("test.count", "0").get(COUNT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.count").hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> settings("test.count", "101").get(COUNT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.count");
        assertThatThrownBy(() -> settings("test.count", "ten").get(COUNT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.count").hasMessageContaining("ten");
        assertThatThrownBy(() -> settings("test.count", "99999999999999999999").get(COUNT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.count");
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        for (String yes : List.of("true", "yes", "on", "TRUE", " On ")) {
            assertThat(settings("test.flag", yes).get(FLAG)).as(yes).isTrue();
        }
        for (String no : List.of("false", "no", "off")) {
            assertThat(settings("test.flag", no).get(FLAG)).as(no).isFalse();
        }
        assertThatThrownBy(() -> settings("test.flag", "maybe").get(FLAG))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test.flag").hasMessageContaining("maybe");
    }

    @Test
    void validateAcceptsKnownKeysWithGoodValues() {
        Settings.of(Map.of("test.timeout", "5m", "test.count", "3", "test.urls", "a,b")).validate(KNOWN);
    }

    @Test
    void anUnknownKeyStopsValidationAndSuggestsTheClosestKnownKey() {
        assertThatThrownBy(() -> settings("test.timout", "5s").validate(KNOWN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timout")
                .hasMessageContaining("did you mean 'test.timeout'");
    }

    @Test
    void anUnknownKeyOfTheRealConfigurationGetsTheRealSuggestion() {
        assertThatThrownBy(() -> settings("room.max-capacty", "5").validate(CoreConfig.SETTINGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'room.max-capacity'");
        assertThatThrownBy(() -> settings("auth.jwt-secert", "x").validate(AuthConfig.SETTINGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'auth.jwt-secret'");
    }

    @Test
    void anUnknownKeyLikeNothingKnownGetsNoSuggestion() {
        assertThatThrownBy(() -> settings("completely.unrelated-thing", "1").validate(KNOWN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("completely.unrelated-thing")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void validateReportsEveryBadValueWithItsKey() {
        Settings bad = Settings.of(Map.of("test.timeout", "soon", "test.count", "1000", "test.flag", "perhaps"));

        assertThatThrownBy(() -> bad.validate(KNOWN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timeout")
                .hasMessageContaining("soon")
                .hasMessageContaining("test.count")
                .hasMessageContaining("test.flag");
    }

    @Test
    void validateReportsUnknownKeysAndBadValuesTogether() {
        Settings bad = Settings.of(Map.of("test.cuont", "1", "test.count", "zero"));

        assertThatThrownBy(() -> bad.validate(KNOWN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.cuont")
                .hasMessageContaining("test.count: ");
    }

    @Test
    void overridesAreLaidOverTheBaseSettings() {
        Settings merged = Settings.of(Map.of("test.count", "3", "test.name", "base")).with(Map.of("test.count", "7"));

        assertThat(merged.get(COUNT)).isEqualTo(7);
        assertThat(merged.get(NAME)).isEqualTo("base");
    }

    @Test
    void defaultsAreShownInConfigFileForm() {
        assertThat(TIMEOUT.defaultText()).isEqualTo("30s");
        assertThat(Setting.duration("d", Duration.ofMillis(250), "").defaultText()).isEqualTo("250ms");
        assertThat(Setting.duration("d", Duration.ofMinutes(5), "").defaultText()).isEqualTo("5m");
        assertThat(Setting.duration("d", Duration.ofHours(1), "").defaultText()).isEqualTo("1h");
        assertThat(Setting.duration("d", Duration.ofDays(365), "").defaultText()).isEqualTo("365d");
        assertThat(URLS.defaultText()).isEmpty();
        assertThat(COUNT.defaultText()).isEqualTo("5");
    }

    @Test
    void theCoreConfigRefusesADefaultRoomCapacityAboveTheMaximum() {
        Settings bad = Settings.of(Map.of("room.default-capacity", "10", "room.max-capacity", "5"));

        assertThatThrownBy(() -> CoreConfig.from(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("room.default-capacity")
                .hasMessageContaining("room.max-capacity");
    }

    @Test
    void turnUrlsNeedASecretOrAUsernameAndPassword() {
        assertThatThrownBy(() -> IceConfig.from(settings("ice.turn-urls", "turn:t:3478")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ice.turn-urls")
                .hasMessageContaining("ice.turn-secret");
        assertThat(IceConfig.from(Settings.of(Map.of("ice.turn-urls", "turn:t", "ice.turn-secret", "s"))).turnSecret()).isEqualTo("s");
    }

    @Test
    void theRealSettingsHaveUniqueKeysAndDescriptions() {
        List<Setting<?>> all = new java.util.ArrayList<>(CoreConfig.SETTINGS);
        all.addAll(IceConfig.SETTINGS);
        all.addAll(AuthConfig.SETTINGS);

        assertThat(all.stream().map(Setting::key)).doesNotHaveDuplicates().allMatch(key -> key.matches("[a-z]+\\.[a-z0-9.-]+"));
        assertThat(all).allSatisfy(setting -> assertThat(setting.description()).isNotBlank());
    }
}
