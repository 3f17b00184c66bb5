package org.webrtcgateway.core.config;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;


/**
 * Turns a listener's failure to bind (a port in use, an address not of this host, a low port without
 * the privilege) into a {@link ConfigException} an operator can act on: it names the settings, the
 * address and port, and what to do, in one line instead of a library's stack trace. The causes are
 * told apart by the operating system's words (strerror), which the JDK, Netty's epoll transport and
 * JAIN-SIP all pass on in the exception message.
 */
public final class ListenFailure {

    private ListenFailure() {
    }

    /**
     * The one-line explanation of {@code failure}, or empty when no I/O error is behind it (a bug,
     * not the host: the caller rethrows it).
     *
     * @param bindSetting the setting that names the address, e.g. {@code websocket.bind}
     * @param portSetting the setting that names the port, e.g. {@code websocket.port}
     * @param what        what listens, for the message: {@code null} or e.g. {@code "SIP over tcp"}
     */
    public static Optional<ConfigException> explain(String bindSetting, String portSetting, String what,
                                                    String host, int port, Throwable failure) {
        Throwable io = ioCause(failure);
        if (io == null) {
            return Optional.empty();
        }
        String where = hostPort(host, port) + (what == null ? "" : " (" + what + ")");
        String reason = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
        String message;
        if (reason.contains("address already in use")) {
            message = portSetting + ": " + where + " is already in use (another gateway or program listens there);"
                    + " choose another port or stop that program";
        } else if (reason.contains("cannot assign requested address")) {
            message = bindSetting + ": " + where + ": cannot assign the address, it is not one of this host's;"
                    + " choose an address of this host, or 0.0.0.0 for all of them";
        } else if (reason.contains("permission denied") || reason.contains("access denied")) {
            message = portSetting + ": " + where + ": permission denied: ports below 1024 need CAP_NET_BIND_SERVICE"
                    + " (or root); choose a port of 1024 or above, or grant the capability";
        } else {
            message = bindSetting + "/" + portSetting + ": cannot listen on " + where + ": " + io.getMessage();
        }
        return Optional.of(new ConfigException(message));
    }

    /** The innermost I/O error in the chain: libraries wrap the operating system's in their own. */
    private static Throwable ioCause(Throwable failure) {
        Throwable found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                found = t;
            }
        }
        return found;
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
