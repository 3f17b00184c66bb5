package org.webrtcgateway.core.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration as text, keyed by dotted setting key: a YAML file flattened, with command-line
 * flags laid over it. Typed config classes read it through {@link #get(Setting)}.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(new LinkedHashMap<>(requireNonNull(values, "values")));
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    /** These settings with {@code overrides} laid over them. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public <T> T get(Setting<T> setting) {
        String text = values.get(setting.key());
        if (text == null || (text.isBlank() && !(setting.defaultValue() instanceof String))) {
            return setting.defaultValue();
        }
        try {
            return setting.parser().apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.key() + ": " + e.getMessage());
        }
    }

    /** The names configured for a pattern setting: for {@code sip.account.<user>.aor}, every user that has an aor. */
    public Set<String> names(Setting<?> pattern) {
        java.util.regex.Pattern regex = patternOf(pattern);
        Set<String> names = new TreeSet<>();
        for (String key : values.keySet()) {
            java.util.regex.Matcher matcher = regex.matcher(key);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static java.util.regex.Pattern patternOf(Setting<?> pattern) {
        String key = pattern.key();
        int open = key.indexOf('<');
        int close = key.indexOf('>');
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(key.substring(0, open)) + "([^.]+)"
                + java.util.regex.Pattern.quote(key.substring(close + 1)));
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Checks every key against the known settings, and every known setting's value against its type,
     * so a typo stops start-up with a message naming the key it probably meant.
     */
    public void validate(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        known.forEach(s -> byKey.put(s.key(), s));
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(values.keySet())) {
            Setting<?> setting = byKey.get(key);
            if (setting == null) {
                setting = matchingPattern(key, known);
            }
            if (setting == null) {
                problems.add("unknown setting '" + key + "'" + closest(key, byKey.keySet()).map(k -> " (did you mean '" + k + "'?)").orElse(""));
                continue;
            }
            try {
                get(setting);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    private static Setting<?> matchingPattern(String key, Collection<Setting<?>> known) {
        for (Setting<?> candidate : known) {
            if (candidate.isPattern()) {
                java.util.regex.Matcher matcher = patternOf(candidate).matcher(key);
                if (matcher.matches()) {
                    return candidate.forName(matcher.group(1));
                }
            }
        }
        return null;
    }

    static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(3, key.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
