package org.webrtcgateway.server;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import sun.misc.Signal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.plugin.Reloadable;

/**
 * SIGHUP ({@code systemctl reload}) reads again what can change without a restart: the log
 * configuration and what parts declare {@link Reloadable} (TLS files). Without a handler the JVM
 * would exit on SIGHUP, as on SIGTERM. Everything else needs a restart, and the log says so.
 */
final class Reloader {

    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    /** What parts of the started gateway can reload; null until it has started. */
    private static volatile Set<Reloadable> reloadables;

    private Reloader() {
    }

    /** Takes SIGHUP from now on (before start-up, so that an early one does not stop the JVM). */
    static void install() {
        Signal.handle(new Signal("HUP"), signal -> {
            Set<Reloadable> parts = reloadables;
            if (parts == null) {
                log.info("SIGHUP during start-up: nothing reloaded");
            } else {
                reload(parts);
            }
        });
    }

    /** The started gateway's parts, reloaded at each SIGHUP from now on. */
    static void attach(Injector injector) {
        reloadables = injector.getInstance(Key.get(new TypeLiteral<Set<Reloadable>>() { }));
    }

    static List<String> reload(Set<Reloadable> reloadables) {
        List<String> done = new ArrayList<>();
        done.add(reloadLogConfiguration());
        for (Reloadable reloadable : reloadables) {
            try {
                done.add(reloadable.reload());
            } catch (Exception e) {
                done.add("not reloaded, the old files stay in use: " + e.getMessage());
            }
        }
        log.info("SIGHUP: {}; other settings take a restart (systemctl restart webrtc-gateway)", String.join("; ", done));
        return done;
    }

    private static String reloadLogConfiguration() {
        String file = System.getProperty("logback.configurationFile");
        if (file == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return "log configuration: none to reload";
        }
        try {
            URL url = file.contains(":") && !file.startsWith("/") ? new URL(file) : Path.of(file).toUri().toURL();
            // Tried on a context of its own first: a file with a mistake must not leave the gateway without a log.
            LoggerContext trial = new LoggerContext();
            configure(trial, url);
            String mistake = firstError(trial);
            trial.stop();
            if (mistake != null) {
                return "log configuration " + file + " not reloaded, the old one stays: " + mistake;
            }
            context.reset();
            configure(context, url);
            return "log configuration reloaded from " + file;
        } catch (JoranException | java.io.IOException e) {
            return "log configuration " + file + " not reloaded, the old one stays: " + e.getMessage();
        }
    }

    private static void configure(LoggerContext context, URL url) throws JoranException {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
    }

    private static String firstError(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.ERROR)
                .map(Status::getMessage).findFirst().orElse(null);
    }
}
