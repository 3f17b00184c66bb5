package org.webrtcgateway.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;

/**
 * {@code gateway [--bind ADDR] [--port N] [--config FILE] [--KEY VALUE | --KEY=VALUE]...},
 * {@code gateway --check-config FILE}, {@code gateway status [--config FILE]}, {@code --version}, {@code --help}.
 * Every setting's key is also a flag, laid over the config file.
 *
 * @param status      {@code status}: print the running gateway's users, rooms and calls (from its admin API)
 * @param configFile  the file named by {@code --config}; null: the default one
 * @param checkConfig the file to check and exit; null: start
 */
record CommandLine(boolean help, boolean version, boolean status, Path configFile, Path checkConfig, Map<String, String> overrides) {

    /** Short flags for the settings everybody sets. */
    private static final Map<String, String> ALIASES = Map.of("bind", "websocket.bind", "port", "websocket.port");

    static CommandLine parse(String... args) {
        boolean help = false;
        boolean version = false;
        boolean status = false;
        Path config = null;
        Path check = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                version = true;
                continue;
            }
            if (i == 0 && arg.equals("status")) {
                status = true;
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
            switch (key) {
                case "config" -> config = Path.of(value);
                case "check-config" -> check = Path.of(value);
                default -> overrides.put(ALIASES.getOrDefault(key, key), value);
            }
        }
        return new CommandLine(help, version, status, config, check, overrides);
    }

    static String usage(List<Setting<?>> settings, Path defaultConfig) {
        StringBuilder text = new StringBuilder("""
                Usage: gateway [--config FILE] [--bind ADDR] [--port N] [--KEY VALUE]...
                       gateway --check-config FILE
                       gateway status [--config FILE] [--KEY VALUE]...
                       gateway --version | --help

                Starts the webrtc-gateway signaling server: WebSocket at ws://ADDR:N/ws, the client page at /.

                  --config FILE         YAML file with any of the settings below, nested or dotted
                                        (default: %s)
                  --check-config FILE   check FILE (syntax, keys, values, files it names) and exit:
                                        0 when good, 2 with one line per problem
                  --bind ADDR           address to listen on (websocket.bind, default 127.0.0.1)
                  --port N              port to listen on (websocket.port, default 8080)
                  --KEY VALUE           any setting below, over the file (also --KEY=VALUE)
                  --version             print the version and exit
                  status                print the running gateway's users, rooms and calls, asked from its
                                        admin API (admin.enabled, admin.bind, admin.port, admin.token of the
                                        same config); exit 1 when it is off, unreachable or refuses the token

                Environment: JAVA_HOME (the Java to run), JAVA_OPTS (JVM options, after and over conf/jvm.options).
                In the file, ${NAME} is the environment variable NAME (${NAME:-default} when it may be unset);
                relative paths are relative to the file's folder.
                Signals: TERM or INT stop (gracefully); HUP reloads the log configuration and TLS files.

                Settings (default in brackets; a secret also reads from a file named by KEY-file):
                """.formatted(defaultConfig == null ? "none" : defaultConfig));
        for (Setting<?> setting : settings) {
            String secret = setting.kind() == Setting.Kind.SECRET ? " (secret: or " + setting.key() + Setting.FILE_SUFFIX + ")" : "";
            text.append(String.format("  %-36s %s%s%n", setting.key() + " [" + setting.defaultText() + "]",
                    setting.description(), secret));
        }
        return text.toString();
    }
}
