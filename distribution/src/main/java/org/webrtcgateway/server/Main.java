package org.webrtcgateway.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.core.plugin.Composition;

/**
 * Reads the configuration, composes the core with the plug-ins on the class path, starts, and stops
 * on SIGTERM/SIGINT.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Lifecycle lifecycle;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            Composition gateway = Composition.discover();
            if (commandLine.help()) {
                System.out.print(CommandLine.usage(gateway.settings()));
                return;
            }
            lifecycle = gateway.start(settings(commandLine, gateway), List.of()).lifecycle();
        } catch (ConfigException e) {
            System.err.println("gateway: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            log.error("gateway failed to start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
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
        Map<String, String> values = new LinkedHashMap<>();
        if (commandLine.configFile() != null) {
            values.putAll(ConfigFile.read(commandLine.configFile()));
        }
        Settings settings = Settings.of(values).with(commandLine.overrides());
        settings.validate(gateway.settings());
        return settings;
    }
}
