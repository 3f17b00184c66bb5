package org.webrtcgateway.core.config;

import java.nio.file.Path;

/**
 * Where a setting's value was written, so that a problem with it names the place to fix it
 * ({@code /etc/webrtc-gateway/gateway.yaml:14:21}), and a relative path in it resolves against the
 * folder of the file that holds it.
 *
 * @param place     as shown before a problem, e.g. {@code gateway.yaml:14:21} or {@code --room.default-capacity};
 *                  empty when unknown (settings made in code)
 * @param folder    what a relative path in the value is relative to; null: taken as written
 */
public record Origin(String place, Path folder) {

    /** Settings made in code (tests): no place to name, paths as written. */
    public static final Origin UNKNOWN = new Origin("", null);

    public Origin {
        place = place == null ? "" : place;
    }

    /** A value at {@code line}:{@code column} (1-based) of a config file. */
    public static Origin inFile(Path file, int line, int column) {
        Path absolute = file.toAbsolutePath().normalize();
        return new Origin(absolute + ":" + line + ":" + column, absolute.getParent());
    }

    /** A value given as {@code --key value}: relative paths are relative to the folder the gateway was started in. */
    public static Origin commandLine(String key) {
        return new Origin("--" + key, Path.of("").toAbsolutePath());
    }

    /** {@code path} as this origin means it: relative paths resolved against {@link #folder}. */
    public Path resolve(Path path) {
        return folder == null || path.isAbsolute() ? path : folder.resolve(path).normalize();
    }

    /** {@code message} prefixed with this place, the way compilers report errors. */
    public String locate(String message) {
        return place.isEmpty() ? message : place + ": " + message;
    }
}
