package org.webrtcgateway.server;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in a config value replaced with the environment variable NAME, so that a secret
 * or a host-specific value need not be written into the file; {@code ${NAME:-default}} when the
 * variable may be unset or empty; {@code $${} for a literal {@code ${}.
 */
final class EnvironmentSubstitution implements UnaryOperator<String> {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final UnaryOperator<String> environment;

    EnvironmentSubstitution(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * A '${' between two references (or before the first, or after the last) starts none. Looked for between them,
     * not in the text with the references cut out: found by ConfigFileFuzzTest, cutting '$${' out of '$$${{' joined a
     * '$' and a '{' that were apart, and the literal was refused.
     */
    private static void requireNoStrayReference(String text, int from, int to) {
        if (text.substring(from, to).contains("${")) {
            throw new IllegalArgumentException("'${' starts no ${NAME} or ${NAME:-default} reference (write $${ for a literal ${)");
        }
    }

    /** @throws IllegalArgumentException naming a variable that is unset and has no default, or a malformed reference */
    @Override
    public String apply(String text) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            requireNoStrayReference(text, last, matcher.start());
            String replacement;
            if (matcher.group().equals("$${")) {
                replacement = "${";
            } else {
                String value = environment.apply(matcher.group(1));
                if (value == null || value.isEmpty()) {
                    if (matcher.group(2) == null) {
                        throw new IllegalArgumentException("environment variable " + matcher.group(1)
                                + " is not set (write ${" + matcher.group(1) + ":-default} to give a default)");
                    }
                    value = matcher.group(2);
                }
                replacement = value;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
            last = matcher.end();
        }
        requireNoStrayReference(text, last, text.length());
        matcher.appendTail(result);
        return result.toString();
    }
}
