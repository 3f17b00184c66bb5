package org.webrtcgateway.server;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
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

    private Reloader() {
    }

    static void onSighup(Injector injector) {
        Set<Reloadable> reloadables = injector.getInstance(Key.get(new TypeLiteral<Set<Reloadable>>() { }));
        Signal.handle(new Signal("HUP"), signal -> reload(reloadables));
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
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            context.reset();
            configurator.doConfigure(url);
            return "log configuration reloaded from " + file;
        } catch (JoranException | java.io.IOException e) {
            return "log configuration " + file + " not reloaded: " + e.getMessage();
        }
    }
}
