package org.webrtcgateway.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Settings;

/** Reads the configuration, composes the modules, starts, and stops on SIGTERM/SIGINT. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Lifecycle lifecycle;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                System.out.print(CommandLine.usage(GatewayModules.settings()));
                return;
            }
            lifecycle = start(settings(commandLine));
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
            lifecycle.stop();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Settings settings(CommandLine commandLine) {
        Map<String, String> values = new LinkedHashMap<>();
        if (commandLine.configFile() != null) {
            values.putAll(ConfigFile.read(commandLine.configFile()));
        }
        Settings settings = Settings.of(values).with(commandLine.overrides());
        settings.validate(GatewayModules.settings());
        return settings;
    }

    /** Builds the injector from {@link GatewayModules} and starts everything; the caller stops it. */
    public static Lifecycle start(Settings settings) throws Exception {
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, GatewayModules.all(settings));
        } catch (com.google.inject.CreationException | com.google.inject.ProvisionException e) {
            // A config class refusing its values surfaces here, wrapped: show the config message alone.
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw (ConfigException) cause;
            }
            throw e;
        }
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        return lifecycle;
    }
}
