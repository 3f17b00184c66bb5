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
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs a problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line each. */
    public List<String> problems() {
        return problems;
    }
}
