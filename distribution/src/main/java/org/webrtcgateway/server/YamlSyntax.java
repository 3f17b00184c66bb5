package org.webrtcgateway.server;

import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.webrtcgateway.core.config.Origin;

/** A YAML syntax error as one line with its file, line and column (the parser's own text spans several, with a drawing). */
final class YamlSyntax {

    private YamlSyntax() {
    }

    static String describe(Path file, JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                return Origin.inFile(file, mark.getLine() + 1, mark.getColumn() + 1)
                        .locate("YAML syntax: " + marked.getProblem() + context);
            }
        }
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        return location == null ? file + ": YAML syntax: " + firstLine
                : Origin.inFile(file, location.getLineNr(), location.getColumnNr()).locate("YAML syntax: " + firstLine);
    }
}
