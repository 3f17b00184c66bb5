package org.webrtcgateway.testing.haproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy's runtime API on its stats socket ({@code stats socket PATH level admin} in {@code global}): one command
 * per connection (the non-interactive mode, where HAProxy answers and closes), read to the end.
 */
final class StatsSocket {

    /** {@code src=127.0.0.1:45678 fe=websockets be=gateways srv=node1} in a {@code show sess} line. */
    private static final Pattern SESSION = Pattern.compile("src=([0-9.]+):(\\d+) fe=\\S+ be=(\\S+) srv=(\\S+)");

    private final Path path;

    StatsSocket(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Runs one command ({@code show stat}, {@code disable server gateways/node1}) and returns HAProxy's answer. */
    String command(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy's stats socket " + path + " did not answer '" + command + "'", e);
        }
    }

    /** Every server of every backend ({@code show stat}: CSV, its first line the column names after "# "). */
    List<ServerStatus> servers() {
        String[] lines = command("show stat").split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalStateException("not the CSV of 'show stat': " + String.join("\n", lines));
        }
        List<String> columns = Arrays.asList(lines[0].substring(2).split(","));
        int backend = column(columns, "pxname");
        int server = column(columns, "svname");
        int current = column(columns, "scur");
        int total = column(columns, "stot");
        int status = column(columns, "status");
        int check = column(columns, "check_status");
        List<ServerStatus> servers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length < columns.size() || fields[server].equals("FRONTEND") || fields[server].equals("BACKEND")) {
                continue;
            }
            // "* L7OK": the star says a check is running now
            String lastCheck = fields[check].startsWith("* ") ? fields[check].substring(2) : fields[check];
            servers.add(new ServerStatus(fields[backend], fields[server], fields[status], lastCheck,
                    Integer.parseInt(fields[current]), Long.parseLong(fields[total])));
        }
        return servers;
    }

    /** The client connections HAProxy holds now and the server each went to ({@code show sess}). */
    List<ProxiedConnection> connections() {
        List<ProxiedConnection> connections = new ArrayList<>();
        for (String line : command("show sess").split("\n")) {
            Matcher session = SESSION.matcher(line);
            if (session.find()) {
                connections.add(new ProxiedConnection(new InetSocketAddress(session.group(1), Integer.parseInt(session.group(2))),
                        session.group(3), session.group(4).equals("<NONE>") ? "" : session.group(4)));
            }
        }
        return connections;
    }

    private static int column(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("'show stat' has no column " + name + ": " + columns);
        }
        return index;
    }
}
