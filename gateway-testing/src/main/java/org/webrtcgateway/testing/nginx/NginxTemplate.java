package org.webrtcgateway.testing.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.webrtcgateway.testing.SourceTree;

/**
 * The nginx configuration operators put in front of several gateway nodes, as the README gives it (one file,
 * {@value #SHIPPED}, a file for {@code /etc/nginx/conf.d/}: read inside nginx's {@code http} block), turned into one
 * for a test on loopback. Only the addresses change, so the test proves the operators' file:
 * <ul>
 *   <li>the {@code listen} lines of its {@code server} block become one {@code listen 127.0.0.1:PORT;};</li>
 *   <li>the {@code server} lines of its {@code upstream} block become one per gateway, {@code server 127.0.0.1:PORT},
 *       each with the parameters of the template's first one;</li>
 *   <li>a test may change the value of a directive the template sets ({@link #withDirective}), to see in seconds
 *       what the template's timeouts do in minutes.</li>
 * </ul>
 */
public final class NginxTemplate {

    /** Where the template is, from the top of the source tree. */
    public static final String SHIPPED = "distribution/src/conf/nginx-cluster-example.conf";

    private final Path source;
    private final List<String> lines;
    private final Map<String, String> directives;

    private NginxTemplate(Path source, List<String> lines, Map<String, String> directives) {
        this.source = source;
        this.lines = lines;
        this.directives = directives;
    }

    /** The shipped template, found from the working directory (a module's folder under Maven) upwards. */
    public static NginxTemplate shipped() {
        return of(SourceTree.file(SHIPPED));
    }

    /** The template in {@code file}. */
    public static NginxTemplate of(Path file) {
        try {
            return new NginxTemplate(file, Files.readAllLines(file), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the nginx template " + file, e);
        }
    }

    /** The same template with {@code NAME VALUE;} wherever it sets directive {@code name}; it must set it. */
    public NginxTemplate withDirective(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(directives);
        changed.put(name, value);
        return new NginxTemplate(source, lines, Map.copyOf(changed));
    }

    /** The configuration for nginx on 127.0.0.1:{@code port} in front of gateways on {@code gatewayPorts}. */
    String render(int port, List<Integer> gatewayPorts) {
        if (gatewayPorts.isEmpty()) {
            throw new IllegalArgumentException("no gateway to balance over");
        }
        List<String> out = new ArrayList<>();
        Deque<String> blocks = new ArrayDeque<>();
        List<String> unused = new ArrayList<>(directives.keySet());
        boolean listening = false;
        boolean serversWritten = false;
        for (String line : lines) {
            List<String> words = words(line);
            if (words.isEmpty()) {
                out.add(line);
                continue;
            }
            String keyword = words.get(0);
            String block = blocks.isEmpty() ? "" : blocks.peek();
            if (words.get(words.size() - 1).equals("{")) {
                blocks.push(keyword);
                out.add(line);
            } else if (keyword.equals("}")) {
                blocks.pop();
                out.add(line);
            } else if (block.equals("server") && keyword.equals("listen")) {
                if (!listening) {
                    out.add(indent(line) + "listen 127.0.0.1:" + port + ";");
                    listening = true;
                }
            } else if (block.equals("upstream") && keyword.equals("server")) {
                if (!serversWritten) {
                    // server ADDRESS PARAMETERS...;: the parameters of the first server line go to every node
                    String parameters = String.join(" ", words.subList(2, words.size()));
                    for (int gatewayPort : gatewayPorts) {
                        out.add((indent(line) + "server 127.0.0.1:" + gatewayPort + " " + parameters).stripTrailing() + ";");
                    }
                    serversWritten = true;
                }
            } else if (directives.containsKey(keyword)) {
                out.add(indent(line) + keyword + " " + directives.get(keyword) + ";");
                unused.remove(keyword);
            } else {
                out.add(line);
            }
        }
        if (!listening || !serversWritten) {
            throw new IllegalStateException(source + " needs a server block with 'listen' and an upstream block with 'server' lines");
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException(source + " sets no " + unused + " to change");
        }
        out.add("");
        return String.join("\n", out);
    }

    private static String indent(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    /** The line's words before any comment, without the closing semicolon. */
    private static List<String> words(String line) {
        int comment = line.indexOf('#');
        String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (content.endsWith(";")) {
            content = content.substring(0, content.length() - 1).strip();
        }
        return content.isEmpty() ? List.of() : List.of(content.split("\\s+"));
    }
}
