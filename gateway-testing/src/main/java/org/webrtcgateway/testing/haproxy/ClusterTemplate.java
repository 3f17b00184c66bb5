package org.webrtcgateway.testing.haproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.webrtcgateway.testing.SourceTree;

/**
 * The HAProxy configuration operators run in front of several gateway nodes, as the README gives it (one file,
 * {@value #SHIPPED}, which the README embeds and the bundle ships), turned into one for a test on loopback. Only
 * what is about the machine changes; every line about balancing, checks, timeouts and the PROXY protocol is kept
 * as written, so the test proves the operators' file:
 * <ul>
 *   <li>{@code global}: the lines about the machine ({@code log}, {@code chroot}, {@code user}, {@code group},
 *       {@code daemon}, {@code pidfile}, {@code stats socket}) give way to a log on standard output and a stats
 *       socket of the test's own;</li>
 *   <li>the frontend's {@code bind} lines become one {@code bind 127.0.0.1:PORT};</li>
 *   <li>the backend's {@code server} lines become one per gateway, {@code server nodeN 127.0.0.1:PORT}, each with
 *       the options of the template's first {@code server} line;</li>
 *   <li>a test may shorten a {@code timeout} of {@code defaults} ({@link #withTimeout}), to see in seconds what the
 *       template's timeouts do in minutes.</li>
 * </ul>
 */
public final class ClusterTemplate {

    /** Where the template is, from the top of the source tree. */
    public static final String SHIPPED = "distribution/src/conf/haproxy-cluster-example.cfg";

    private static final Set<String> MACHINE_KEYWORDS = Set.of("log", "chroot", "user", "group", "daemon", "pidfile");

    private final Path source;
    private final List<String> lines;
    private final Map<String, String> timeouts;

    private ClusterTemplate(Path source, List<String> lines, Map<String, String> timeouts) {
        this.source = source;
        this.lines = lines;
        this.timeouts = timeouts;
    }

    /** The shipped template, found from the working directory (a module's folder under Maven) upwards. */
    public static ClusterTemplate shipped() {
        return of(SourceTree.file(SHIPPED));
    }

    /** The template in {@code file}. */
    public static ClusterTemplate of(Path file) {
        try {
            return new ClusterTemplate(file, Files.readAllLines(file), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HAProxy template " + file, e);
        }
    }

    public Path source() {
        return source;
    }

    /** The same template with {@code timeout NAME VALUE} in {@code defaults}; the template must set that timeout. */
    public ClusterTemplate withTimeout(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(timeouts);
        changed.put(name, value);
        return new ClusterTemplate(source, lines, Map.copyOf(changed));
    }

    /**
     * The configuration for HAProxy listening on 127.0.0.1:{@code port} in front of gateways on {@code gatewayPorts}
     * (servers {@code node1}, {@code node2}, ... in that order), its stats socket at {@code statsSocket}.
     */
    String render(int port, List<Integer> gatewayPorts, Path statsSocket) {
        if (gatewayPorts.isEmpty()) {
            throw new IllegalArgumentException("no gateway to balance over");
        }
        List<String> out = new ArrayList<>();
        Map<String, String> timeoutsLeft = new LinkedHashMap<>(timeouts);
        String section = "";
        boolean bound = false;
        boolean serversWritten = false;
        for (String line : lines) {
            List<String> words = words(line);
            if (words.isEmpty()) {
                out.add(line);
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                section = words.get(0);
                out.add(line);
                if (section.equals("global")) {
                    out.add("    log stdout format raw local0");
                    out.add("    stats socket " + statsSocket + " mode 600 level admin");
                }
                continue;
            }
            String keyword = words.get(0);
            switch (section) {
                case "global" -> {
                    boolean aboutTheMachine = MACHINE_KEYWORDS.contains(keyword)
                            || keyword.equals("stats") && words.size() > 1 && words.get(1).equals("socket");
                    if (!aboutTheMachine) {
                        out.add(line);
                    }
                }
                case "defaults" -> {
                    if (keyword.equals("timeout") && words.size() > 1 && timeoutsLeft.containsKey(words.get(1))) {
                        out.add("    timeout " + words.get(1) + " " + timeoutsLeft.remove(words.get(1)));
                    } else {
                        out.add(line);
                    }
                }
                case "frontend" -> {
                    if (!keyword.equals("bind")) {
                        out.add(line);
                    } else if (!bound) {
                        out.add("    bind 127.0.0.1:" + port);
                        bound = true;
                    }
                }
                case "backend" -> {
                    if (!keyword.equals("server")) {
                        out.add(line);
                    } else if (!serversWritten) {
                        // server NAME ADDRESS OPTIONS...: the options of the first server line go to every node
                        String options = String.join(" ", words.subList(Math.min(3, words.size()), words.size()));
                        for (int i = 0; i < gatewayPorts.size(); i++) {
                            out.add(("    server " + serverName(i) + " 127.0.0.1:" + gatewayPorts.get(i) + " " + options).stripTrailing());
                        }
                        serversWritten = true;
                    }
                }
                default -> out.add(line);
            }
        }
        if (!bound || !serversWritten) {
            throw new IllegalStateException(source + " needs a frontend with a 'bind' line and a backend with 'server' lines");
        }
        if (!timeoutsLeft.isEmpty()) {
            throw new IllegalStateException(source + " sets no timeout " + timeoutsLeft.keySet() + " in 'defaults' to change");
        }
        out.add("");
        return String.join("\n", out);
    }

    /** The name of the server for the {@code index}th gateway (from 0): {@code node1}, {@code node2}, ... */
    static String serverName(int index) {
        return "node" + (index + 1);
    }

    /** The line's words before any comment. */
    private static List<String> words(String line) {
        int comment = line.indexOf('#');
        String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
        return content.isEmpty() ? List.of() : List.of(content.split("\\s+"));
    }
}
