package org.webrtcgateway.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key with its type, default and documentation. Each module's config class
 * declares its settings as constants; the distribution gathers them to validate a config file,
 * print {@code --help} and reject unknown keys.
 *
 * <p>A key may hold one {@code <name>} segment, for settings of named things, e.g.
 * {@code sip.account.<user>.password}: {@link Settings#names} lists the names configured, and
 * {@link #forName} gives the setting of one of them.
 *
 * @param key          dotted key as written in YAML or as a {@code --key value} flag, e.g. {@code websocket.port}
 * @param defaultValue used when the key is absent (null: no value)
 * @param parser       turns the text form into the value, throwing {@link IllegalArgumentException} with the reason
 * @param description  one line for {@code --help} and the README
 * @param kind         what {@link Settings} does with the text beyond parsing it: paths resolve against the
 *                     config file's folder, secrets may come from a file
 */
public record Setting<T>(String key, T defaultValue, Function<String, T> parser, String description, Kind kind) {

    /** What a setting's value is, where that changes how it is read. */
    public enum Kind {
        /** Read as written. */
        PLAIN,
        /** A file or folder: relative to the folder of the config file that names it (to the working folder on the command line). */
        PATH,
        /**
         * A password or key: may instead be read from a file named by the same key with {@code -file} appended
         * ({@code auth.jwt-secret-file: /run/credentials/webrtc-gateway.service/jwt-secret}), so that it need not
         * sit in the config file; systemd's {@code LoadCredential} provides such files.
         */
        SECRET
    }

    /** The suffix of the key that names a file holding a {@link Kind#SECRET} setting's value. */
    public static final String FILE_SUFFIX = "-file";

    public Setting {
        requireNonNull(key, "key");
        requireNonNull(parser, "parser");
        requireNonNull(description, "description");
        requireNonNull(kind, "kind");
    }

    public Setting(String key, T defaultValue, Function<String, T> parser, String description) {
        this(key, defaultValue, parser, description, Kind.PLAIN);
    }

    public static Setting<String> string(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, Function.identity(), description);
    }

    /** A file or folder; a relative one is relative to the config file's folder. */
    public static Setting<Path> path(String key, String description) {
        return new Setting<>(key, null, Path::of, description, Kind.PATH);
    }

    /** A password or key with no default; {@code KEY-file} may name a file that holds it instead. */
    public static Setting<String> secret(String key, String description) {
        return new Setting<>(key, null, Function.identity(), description, Kind.SECRET);
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, defaultValue, text -> parseInt(text, min, max), description);
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, defaultValue, Setting::parseBoolean, description);
    }

    public static Setting<Duration> duration(String key, Duration defaultValue, String description) {
        return new Setting<>(key, defaultValue, Setting::parseDuration, description);
    }

    public static Setting<List<String>> list(String key, String description) {
        return new Setting<>(key, List.of(), Setting::parseList, description);
    }

    /** True when the key has a {@code <name>} segment. */
    public boolean isPattern() {
        return key.contains("<");
    }

    /** This setting for one named thing: {@code sip.account.<user>.password} for {@code alice} is {@code sip.account.alice.password}. */
    public Setting<T> forName(String name) {
        if (!isPattern()) {
            throw new IllegalStateException(key + " has no <name> segment");
        }
        return new Setting<>(key.replaceFirst("<[^>]+>", java.util.regex.Matcher.quoteReplacement(name)), defaultValue, parser,
                description, kind);
    }

    /** The default as written in a config file, for help texts. */
    public String defaultText() {
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof Duration d) {
            return formatDuration(d);
        }
        if (defaultValue instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(defaultValue);
    }

    static int parseInt(String text, int min, int max) {
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("expected a number from " + min + " to " + max + ", got " + value);
        }
        return (int) value;
    }

    static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    /** Accepts {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 365d}, or a bare number of seconds; never negative. */
    static Duration parseDuration(String text) {
        java.util.regex.Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250ms, 30s, 5m, 1h or 2d, got '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            case "d" -> amount * 86_400_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
