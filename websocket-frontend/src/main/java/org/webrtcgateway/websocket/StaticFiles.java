package org.webrtcgateway.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files served at {@code /}: a configured folder ({@code websocket.static-dir}), or the client
 * page built into the jar ({@code static/} on the classpath). Paths are checked before anything is
 * read, so nothing outside the root can be reached.
 */
final class StaticFiles {

    /** A file to send: its bytes and content type. */
    record File(byte[] content, String contentType) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._\\-]+)+");
    private static final String CLASSPATH_ROOT = "static";
    /** The gateway's JavaScript client (script and module), served from the jar beside any folder's page. */
    static final java.util.Set<String> CLIENT_LIBRARY = java.util.Set.of("/gateway.js", "/gateway.mjs");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final Path folder;
    private final Map<String, Optional<File>> classpathCache = new ConcurrentHashMap<>();

    StaticFiles(Path folder) {
        this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
    }

    /** The file for a request path ({@code /} is {@code /index.html}), or empty. */
    Optional<File> find(String requestPath) {
        String path = requestPath.equals("/") ? "/index.html" : requestPath;
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        String contentType = CONTENT_TYPES.getOrDefault(extension(path), "application/octet-stream");
        if (folder != null) {
            Optional<File> file = fromFolder(path, contentType);
            // A page of one's own still gets the gateway's client library, unless it brings its own.
            return file.isPresent() || !CLIENT_LIBRARY.contains(path) ? file
                    : classpathCache.computeIfAbsent(path, p -> fromClasspath(p, contentType));
        }
        return classpathCache.computeIfAbsent(path, p -> fromClasspath(p, contentType));
    }

    private Optional<File> fromFolder(String path, String contentType) {
        try {
            // Real paths, so a symbolic link cannot lead out of the folder.
            Path file = folder.resolve(path.substring(1)).toRealPath();
            if (!file.startsWith(folder.toRealPath()) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(new File(Files.readAllBytes(file), contentType));
        } catch (IOException e) {
            return Optional.empty(); // missing or unreadable: not found
        }
    }

    private static Optional<File> fromClasspath(String path, String contentType) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new File(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + CLASSPATH_ROOT + path + " from the classpath", e);
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
