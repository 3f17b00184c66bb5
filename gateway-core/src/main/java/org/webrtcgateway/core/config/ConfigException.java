package org.webrtcgateway.core.config;

import java.util.List;

/**
 * A configuration that cannot start the gateway. Each problem is one line that names the setting,
 * where it was written when known, and what was expected; the command line prints one per line.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems.stream().map(ConfigException::oneLine).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs a problem");
        }
        this.problems = problems.stream().map(ConfigException::oneLine).toList();
    }

    /**
     * {@code problem} on one line, whatever it quotes: a control character (a line break in a quoted YAML key, the
     * NUL the YAML parser names) or a line separator shown as its Java escape (backslash n, backslash u 0000). Found by
     * ConfigFileFuzzTest: the YAML parser's message printed a NUL, and a key could print a line of its own.
     */
    static String oneLine(String problem) {
        StringBuilder line = new StringBuilder(problem.length());
        problem.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04X", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }

    /** One line each. */
    public List<String> problems() {
        return problems;
    }
}
