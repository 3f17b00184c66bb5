package org.webrtcgateway.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;

/**
 * Reads the configuration, composes the core with the plug-ins on the class path, starts, reloads
 * files on SIGHUP, and stops on SIGTERM/SIGINT. A configuration that cannot work stops it before
 * anything starts, with one line per problem on stderr and exit status 2.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Exit status of a configuration that cannot start the gateway (and of a rejected --check-config). */
    static final int BAD_CONFIGURATION = 2;

    private Main() {
    }

    public static void main(String[] args) {
        long startedAt = System.nanoTime();
        CommandLine commandLine;
        Composition gateway;
        try {
            commandLine = CommandLine.parse(args);
            gateway = Composition.discover();
        } catch (ConfigException e) {
            exit(printProblems(e, System.err));
            return;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.usage(gateway.settings(), defaultConfigFile()));
            return;
        }
        if (commandLine.version()) {
            System.out.println(Version.describe());
            return;
        }
        if (commandLine.status()) {
            try {
                exit(StatusCommand.run(settings(commandLine, gateway), System.out, System.err));
            } catch (ConfigException e) {
                exit(printProblems(e, System.err));
            }
            return;
        }
        if (commandLine.checkConfig() != null) {
            exit(checkConfig(commandLine, gateway, System.out, System.err));
            return;
        }
        Reloader.install();
        Composition.Started started;
        try {
            Path configFile = configFile(commandLine);
            log.info("{}; config {}", Version.describe(), configFile == null ? "none (defaults and flags)" : configFile.toAbsolutePath());
            Settings settings = settings(commandLine, gateway);
            started = gateway.start(settings, List.of());
            Reloader.attach(started.injector()); // before "started": from that line on, SIGHUP reloads
            log.info("started in {} ms: {}", (System.nanoTime() - startedAt) / 1_000_000, StartupSummary.of(settings, started.injector()));
        } catch (ConfigException e) {
            exit(printProblems(e, System.err));
            return;
        } catch (Exception e) {
            log.error("gateway failed to start: {}", e.toString(), e);
            exit(1);
            return;
        }
        awaitStop(started.lifecycle());
    }

    /**
     * {@code --check-config FILE}: the file (with any flags over it) checked as start-up would check
     * it, nothing started. 0 and a line on {@code out} when good; 2 and one line per problem on {@code err}.
     */
    static int checkConfig(CommandLine commandLine, Composition gateway, PrintStream out, PrintStream err) {
        try {
            Settings settings = ConfigFile.read(commandLine.checkConfig()).withFlags(commandLine.overrides());
            List<String> problems = gateway.check(settings);
            if (!problems.isEmpty()) {
                return printProblems(new ConfigException(problems), err);
            }
        } catch (ConfigException e) {
            return printProblems(e, err);
        }
        out.println(commandLine.checkConfig() + ": good");
        return 0;
    }

    /** Each problem on a line of its own, as compilers do, so that an editor or grep can go to each. */
    private static int printProblems(ConfigException e, PrintStream err) {
        e.problems().forEach(problem -> err.println("gateway: " + problem));
        return BAD_CONFIGURATION;
    }

    private static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    private static void awaitStop(Lifecycle lifecycle) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SecondSignal.hurries(lifecycle);
            lifecycle.stop();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings of the config file and the command line, checked against what {@code gateway} reads. */
    static Settings settings(CommandLine commandLine, Composition gateway) {
        Path file = configFile(commandLine);
        Settings fromFile = file == null ? Settings.empty() : ConfigFile.read(file);
        Settings settings = fromFile.withFlags(commandLine.overrides());
        settings.validate(gateway.settings());
        return settings;
    }

    /** {@code --config FILE}, else the bundle's {@code conf/gateway.yaml} if there is one. */
    static Path configFile(CommandLine commandLine) {
        if (commandLine.configFile() != null) {
            return commandLine.configFile();
        }
        Path fallback = defaultConfigFile();
        return fallback != null && Files.exists(fallback) ? fallback : null;
    }

    /**
     * {@code conf/gateway.yaml} of the folder {@code bin/gateway} runs from (in the Debian package,
     * {@code conf} is {@code /etc/webrtc-gateway}); null when not started by {@code bin/gateway}.
     */
    static Path defaultConfigFile() {
        String home = System.getProperty("gateway.home");
        if (home == null) {
            return null;
        }
        Path file = Path.of(home, "conf", "gateway.yaml");
        try {
            return file.toRealPath(); // through the package's conf -> /etc/webrtc-gateway link: the path to edit
        } catch (java.io.IOException e) {
            return file;
        }
    }
}
