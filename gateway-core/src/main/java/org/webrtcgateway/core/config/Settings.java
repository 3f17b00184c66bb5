package org.webrtcgateway.core.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration as text, keyed by dotted setting key: a YAML file flattened, with command-line
 * flags laid over it, each value with the {@link Origin} it was written at. Typed config classes read
 * it through {@link #get(Setting)}, which also resolves relative paths against the config file's
 * folder and reads secrets from their {@code -file}.
 */
public final class Settings {

    /** One value as written, and where. */
    public record Value(String text, Origin origin) {
        public Value {
            requireNonNull(text, "text");
            requireNonNull(origin, "origin");
        }
    }

    private final Map<String, Value> values;

    private Settings(Map<String, Value> values) {
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Settings made in code: no origin to name in problems, paths as written. */
    public static Settings of(Map<String, String> values) {
        return new Settings(located(requireNonNull(values, "values"), key -> Origin.UNKNOWN));
    }

    /** Settings read from a file or elsewhere, each with its origin. */
    public static Settings ofValues(Map<String, Value> values) {
        return new Settings(requireNonNull(values, "values"));
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    /** These settings with {@code overrides} (made in code) laid over them. */
    public Settings with(Map<String, String> overrides) {
        return with(overrides, key -> Origin.UNKNOWN);
    }

    /** These settings with command-line flags laid over them. */
    public Settings withFlags(Map<String, String> flags) {
        return with(flags, Origin::commandLine);
    }

    private Settings with(Map<String, String> overrides, java.util.function.Function<String, Origin> origin) {
        Map<String, Value> merged = new LinkedHashMap<>(values);
        merged.putAll(located(overrides, origin));
        return new Settings(merged);
    }

    private static Map<String, Value> located(Map<String, String> texts, java.util.function.Function<String, Origin> origin) {
        Map<String, Value> located = new LinkedHashMap<>();
        texts.forEach((key, text) -> located.put(key, new Value(text, origin.apply(key))));
        return located;
    }

    public <T> T get(Setting<T> setting) {
        Value value = values.get(setting.key());
        if (setting.kind() == Setting.Kind.SECRET) {
            Value file = values.get(setting.key() + Setting.FILE_SUFFIX);
            if (value != null && file != null) {
                throw new ConfigException(file.origin().locate(setting.key() + Setting.FILE_SUFFIX + ": set "
                        + setting.key() + " or " + setting.key() + Setting.FILE_SUFFIX + ", not both"));
            }
            if (value == null) {
                value = secretFromFile(setting);
            }
        }
        if (value == null || (value.text().isBlank() && !(setting.defaultValue() instanceof String))) {
            return setting.defaultValue();
        }
        T parsed;
        try {
            parsed = setting.parser().apply(value.text());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(value.origin().locate(setting.key() + ": " + e.getMessage()));
        }
        if (setting.kind() == Setting.Kind.PATH && parsed instanceof Path path) {
            @SuppressWarnings("unchecked")
            T resolved = (T) value.origin().resolve(path);
            return resolved;
        }
        return parsed;
    }

    /** A secret's {@code KEY-file}, read: its text without surrounding whitespace (a file usually ends with a newline). */
    private Value secretFromFile(Setting<?> setting) {
        String fileKey = setting.key() + Setting.FILE_SUFFIX;
        Value named = values.get(fileKey);
        if (named == null || named.text().isBlank()) {
            return null;
        }
        Path file = named.origin().resolve(Path.of(named.text().trim()));
        try {
            return new Value(Files.readString(file).strip(), named.origin());
        } catch (NoSuchFileException e) {
            throw new ConfigException(named.origin().locate(fileKey + ": " + file + " does not exist"));
        } catch (AccessDeniedException e) {
            throw new ConfigException(named.origin().locate(fileKey + ": " + file + " cannot be read by this user"));
        } catch (IOException e) {
            throw new ConfigException(named.origin().locate(fileKey + ": cannot read " + file + " (" + e.getMessage() + ")"));
        }
    }

    /** Where {@code key}'s value was written; {@link Origin#UNKNOWN} for a key not set (or set in code). */
    public Origin origin(String key) {
        Value value = values.get(key);
        if (value == null) {
            value = values.get(key + Setting.FILE_SUFFIX);
        }
        return value == null ? Origin.UNKNOWN : value.origin();
    }

    /**
     * {@code problem} prefixed with where the setting it is about was written: the set key that the
     * problem's text names first (config classes' messages begin with the key they are about).
     */
    public String locate(String problem) {
        String about = null;
        int at = Integer.MAX_VALUE;
        for (String key : values.keySet()) {
            int index = indexOfKey(problem, key);
            if (index >= 0 && (index < at || (index == at && key.length() > about.length()))) {
                about = key;
                at = index;
            }
        }
        return about == null ? problem : origin(about).locate(problem);
    }

    /** Where {@code key} occurs in {@code text} as a whole key (not as the start of a longer one). */
    private static int indexOfKey(String text, String key) {
        for (int from = 0; ; ) {
            int index = text.indexOf(key, from);
            if (index < 0) {
                return -1;
            }
            int end = index + key.length();
            boolean whole = (end == text.length() || !isKeyChar(text.charAt(end)) || text.startsWith(Setting.FILE_SUFFIX, end))
                    && (index == 0 || !isKeyChar(text.charAt(index - 1)));
            if (whole) {
                return index;
            }
            from = index + 1;
        }
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_';
    }

    /** The names configured for a pattern setting: for {@code sip.account.<user>.aor}, every user that has an aor. */
    public Set<String> names(Setting<?> pattern) {
        Pattern regex = patternOf(pattern);
        Set<String> names = new TreeSet<>();
        for (String key : values.keySet()) {
            Matcher matcher = regex.matcher(key);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Pattern patternOf(Setting<?> pattern) {
        String key = pattern.key();
        int open = key.indexOf('<');
        int close = key.indexOf('>');
        return Pattern.compile(Pattern.quote(key.substring(0, open)) + "([^.]+)" + Pattern.quote(key.substring(close + 1)));
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Checks every key against the known settings, and every known setting's value against its type,
     * so a typo stops start-up with a message naming the key it probably meant.
     *
     * @throws ConfigException with one problem per wrong key or value, each with where it was written
     */
    public void validate(Collection<Setting<?>> known) {
        List<String> problems = problems(known);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** What {@link #validate} would refuse, one line each; empty when nothing. */
    public List<String> problems(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        known.forEach(s -> byKey.put(s.key(), s));
        Set<String> problems = new java.util.LinkedHashSet<>(); // a secret and its file both report their clash
        for (String key : values.keySet()) {
            Origin origin = values.get(key).origin();
            Setting<?> setting = byKey.get(key);
            if (setting == null) {
                setting = matchingPattern(key, known);
            }
            if (setting == null) {
                setting = secretOfFileKey(key, byKey, known);
            }
            if (setting == null) {
                problems.add(origin.locate("unknown setting '" + key + "'"
                        + closest(key, byKey.keySet()).map(k -> " (did you mean '" + k + "'?)").orElse("")));
                continue;
            }
            try {
                Object value = get(setting);
                if (setting.kind() == Setting.Kind.PATH && value instanceof Path path && !Files.exists(path)) {
                    // every path setting names something to read: a typo should not wait for first use
                    problems.add(origin.locate(key + ": " + path + " does not exist"));
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return List.copyOf(problems);
    }

    /** For {@code auth.jwt-secret-file}, the secret setting {@code auth.jwt-secret}; null when the key is no such file key. */
    private static Setting<?> secretOfFileKey(String key, Map<String, Setting<?>> byKey, Collection<Setting<?>> known) {
        if (!key.endsWith(Setting.FILE_SUFFIX)) {
            return null;
        }
        String base = key.substring(0, key.length() - Setting.FILE_SUFFIX.length());
        Setting<?> setting = byKey.get(base);
        if (setting == null) {
            setting = matchingPattern(base, known);
        }
        return setting != null && setting.kind() == Setting.Kind.SECRET ? setting : null;
    }

    private static Setting<?> matchingPattern(String key, Collection<Setting<?>> known) {
        for (Setting<?> candidate : known) {
            if (candidate.isPattern()) {
                Matcher matcher = patternOf(candidate).matcher(key);
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
