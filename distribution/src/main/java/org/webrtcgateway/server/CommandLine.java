package org.webrtcgateway.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;

/**
 * {@code gateway [--bind ADDR] [--port N] [--config FILE] [--KEY VALUE | --KEY=VALUE]... [--help]}.
 * Every setting's key is also a flag, laid over the config file.
 */
record CommandLine(boolean help, Path configFile, Map<String, String> overrides) {

    /** Short flags for the settings everybody sets. */
    private static final Map<String, String> ALIASES = Map.of("bind", "websocket.bind", "port", "websocket.port");

    static CommandLine parse(String... args) {
        boolean help = false;
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "'; see --help");
            }
            String key = arg.substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + key + " needs a value");
            }
            if (key.equals("config")) {
                config = Path.of(value);
            } else {
                overrides.put(ALIASES.getOrDefault(key, key), value);
            }
        }
        return new CommandLine(help, config, overrides);
    }

    static String usage(List<Setting<?>> settings) {
        StringBuilder text = new StringBuilder("""
                Usage: gateway [--bind ADDR] [--port N] [--config FILE] [--KEY VALUE]... [--help]

                Starts the webrtc-gateway signaling server: WebSocket at ws://ADDR:N/ws, the client page at /.

                  --bind ADDR      address to listen on (websocket.bind, default 127.0.0.1)
                  --port N         port to listen on (websocket.port, default 8080)
                  --config FILE    YAML file with any of the settings below, nested or dotted
                  --KEY VALUE      any setting below, over the file (also --KEY=VALUE)
                  JAVA_OPTS        extra JVM options (conf/jvm.options holds the defaults)

                Settings (default in brackets):
                """);
        for (Setting<?> setting : settings) {
            text.append(String.format("  %-36s %s%n", setting.key() + " [" + setting.defaultText() + "]", setting.description()));
        }
        return text.toString();
    }
}
