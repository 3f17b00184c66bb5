package org.webrtcgateway.xmpp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An XMPP client that is not Smack (Debian's python3-slixmpp, driven by this module's
 * {@code slixmpp/chat.py}), logged in at a {@link ProsodyExtension}: the independent peer the bridge's
 * tests hold it against. Each instance is one process; its output lines are waited for, bounded.
 */
public final class SlixmppClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Debian's interpreter, which has python3-slixmpp (another python3 may come first on the PATH). */
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private SlixmppClient(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "slixmpp-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code user} (a key of {@link ProsodyExtension#USERS}) logs in and waits for one chat message. */
    public static SlixmppClient receiving(ProsodyExtension prosody, String user) throws IOException {
        return new SlixmppClient(command(prosody, user, "receive"));
    }

    /** {@code user} logs in and sends {@code body} to {@code to}, then logs out. */
    public static SlixmppClient sending(ProsodyExtension prosody, String user, String to, String body) throws IOException {
        return new SlixmppClient(command(prosody, user, "send", to, body));
    }

    /** {@code user} logs in with {@code show} (away, dnd, xa, chat) and stays online, approving subscriptions. */
    public static SlixmppClient online(ProsodyExtension prosody, String user, String show, String status) throws IOException {
        return new SlixmppClient(command(prosody, user, "--timeout", "60", "online", "--show", show, "--status", status));
    }

    /** {@code user} asks to follow {@code contact}'s presence; prints ANSWER subscribed|unsubscribed. */
    public static SlixmppClient following(ProsodyExtension prosody, String user, String contact) throws IOException {
        return new SlixmppClient(command(prosody, user, "follow", contact));
    }

    /** {@code user} sends {@code body} to {@code to} and waits for the error that comes back; prints ERROR <from> <condition>. */
    public static SlixmppClient sendingExpectingError(ProsodyExtension prosody, String user, String to, String body) throws IOException {
        return new SlixmppClient(command(prosody, user, "send-expecting-error", to, body));
    }

    /** {@code user} asks {@code target} for disco#info; prints IDENTITY, FEATURE and VER lines, then DISCO-DONE (or DISCO-ERROR). */
    public static SlixmppClient disco(ProsodyExtension prosody, String user, String target) throws IOException {
        return new SlixmppClient(command(prosody, user, "disco", target));
    }

    /** Every output line up to and including the first starting with {@code last}, each read once. */
    public List<String> linesUntil(String last) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = this.lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                lines.add(line);
                if (line.startsWith(last)) {
                    return lines;
                }
            }
        }
        throw new AssertionError("slixmpp printed no '" + last + "' within " + WAIT + "; it printed " + seen);
    }

    /** The first output line starting with {@code prefix} (READY, SENT, RECEIVED ...); fails after 15 s. */
    public String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError("slixmpp printed no '" + prefix + "' within " + WAIT + "; it printed " + seen);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> command(ProsodyExtension prosody, String user, String... action) throws IOException {
        // "alice/phone" logs in as alice with the resource phone.
        String name = user.contains("/") ? user.substring(0, user.indexOf('/')) : user;
        String resource = user.contains("/") ? user.substring(user.indexOf('/')) : "";
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), "--jid", name + "@" + ProsodyExtension.DOMAIN + resource,
                "--password", ProsodyExtension.USERS.get(name), "--port", String.valueOf(prosody.c2sPort()),
                "--ca", prosody.certificate().toString()));
        command.addAll(List.of(action));
        return command;
    }

    private static Path script;

    /** The script, copied out of the test class path once a run (a copy from an earlier run may be older). */
    private static synchronized Path script() throws IOException {
        if (script == null) {
            Path copy = Path.of("target", "slixmpp", "chat.py").toAbsolutePath();
            Files.createDirectories(copy.getParent());
            try (InputStream in = SlixmppClient.class.getResourceAsStream("/slixmpp/chat.py")) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            script = copy;
        }
        return script;
    }
}
