package org.webrtcgateway.sip.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sipp process running one of this module's scenarios ({@code src/test/resources/sipp/}) for
 * a single call, on loopback, with its message log in {@code target/sipp/}. Always bounded: sipp's
 * own {@code -timeout} plus a wait limit here; {@link #close} kills it if still running.
 */
public final class SippPhone implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What sipp says when its port was taken between {@link FreePorts} and its bind. */
    private static final String PORT_TAKEN = "Unable to bind main socket";

    private final String name;
    private final Process process;
    private final Path messages;
    private final Path output;
    private final int port;

    private SippPhone(String name, Process process, Path messages, Path output, int port) {
        this.name = name;
        this.process = process;
        this.messages = messages;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code sipp -sf <scenario> -p <port> ... <extra> <remote>}.
     *
     * @param remote {@code host:port} the scenario sends to, or null for a scenario that waits
     */
    public static SippPhone start(String scenario, int port, String remote, String... extra) {
        return startFrom("127.0.0.1", scenario, port, remote, extra);
    }

    /**
     * As {@link #start}, sending from {@code localAddress}, another loopback address (all of 127.0.0.0/8 is
     * loopback on Linux), to be a source the gateway does or does not trust.
     */
    public static SippPhone startFrom(String localAddress, String scenario, int port, String remote, String... extra) {
        try {
            Path dir = Path.of("target", "sipp").toAbsolutePath();
            Files.createDirectories(dir);
            String name = scenario.replace(".xml", "") + "-" + localAddress + "-" + port;
            Path file = dir.resolve(scenario);
            try (InputStream in = SippPhone.class.getResourceAsStream("/sipp/" + scenario)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario " + scenario);
                }
                Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
            }
            Path messages = dir.resolve(name + "-messages.log");
            Path output = dir.resolve(name + ".out");
            Files.deleteIfExists(messages);
            List<String> command = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-p", String.valueOf(port),
                    "-i", localAddress, "-m", "1", "-nostdin", "-timeout", TIMEOUT.toSeconds() + "s", "-timeout_error",
                    "-trace_msg", "-message_file", messages.toString(), "-key", "domain", KamailioExtension.DOMAIN));
            command.addAll(List.of(extra));
            if (remote != null) {
                command.add(remote);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new SippPhone(name, process, messages, output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a short scenario (a REGISTER, an un-REGISTER) from a free port to the end and fails unless it succeeded.
     * {@link FreePorts} can only say a port was free a moment ago: when another process took it before sipp bound
     * it, sipp ends at once, and the scenario runs again from another port (three tries in all).
     */
    public static void runToSuccess(String scenario, String remote, String... extra) {
        for (int attempt = 1; ; attempt++) {
            try (SippPhone sipp = start(scenario, FreePorts.udpAndTcp(), remote, extra)) {
                if (attempt < 3 && sipp.awaitExit() != 0 && read(sipp.output).contains(PORT_TAKEN)) {
                    continue;
                }
                sipp.awaitSuccess();
                return;
            }
        }
    }

    public int port() {
        return port;
    }

    /** Waits for the scenario to finish and fails with its message log unless it succeeded. */
    public void awaitSuccess() {
        int code = awaitExit();
        if (code != 0) {
            throw new AssertionError("sipp " + name + " failed (exit " + code + ")\n" + messageLog() + "\n" + read(output));
        }
    }

    /** Waits for the scenario to end, returning sipp's exit code (0: every call succeeded). */
    public int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sipp " + name + " still running after " + TIMEOUT + "\n" + messageLog());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every SIP message the phone sent and received so far. */
    public String messageLog() {
        return read(messages);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
