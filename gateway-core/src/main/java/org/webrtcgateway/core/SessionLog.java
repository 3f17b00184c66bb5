package org.webrtcgateway.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.session.Session;

/**
 * The session log, an access log of sessions: one INFO line when a session starts (a login or a resume),
 * one when its connection drops and it waits for a resume, one when it ends, on its own logger ({@value #LOGGER})
 * so that logback can send it to a file of its own or turn it off. Fields are {@code key=value}, always the same
 * keys in the same order, so that a line greps and splits without a parser:
 * <pre>
 * event=start user=alice remote=127.0.0.1:50412 resumed=false
 * event=drop user=alice remote=127.0.0.1:50412 resume_grace_ms=30000
 * event=end user=alice remote=127.0.0.1:50412 duration_ms=73215 calls=2 end=closed close_code=1000
 * </pre>
 * These are the only INFO lines a session's routine life writes: a mass reconnect (every client of a restarted
 * load balancer) writes two lines per client, which the event loop formats while the clients wait.
 * A value with a space or a quote in it is quoted ({@code remote="in-process client"}); a missing one is
 * {@code -}. User names never need quoting (Names allows no space).
 */
final class SessionLog {

    static final String LOGGER = "org.webrtcgateway.sessions";
    /** {@link #ended}'s close code when no close frame went either way. */
    static final int NO_CLOSE_CODE = org.webrtcgateway.core.protocol.ClientLink.NO_CLOSE_CODE;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private SessionLog() {
    }

    static void started(Session session, boolean resumed) {
        if (log.isInfoEnabled()) {
            log.info("event=start user={} remote={} resumed={}", session.name(), value(remote(session)), resumed);
        }
    }

    static void dropped(Session session, String remoteAddress, long resumeGraceMillis) {
        if (log.isInfoEnabled()) {
            log.info("event=drop user={} remote={} resume_grace_ms={}", session.name(), value(withoutSlash(remoteAddress)),
                    resumeGraceMillis);
        }
    }

    static void ended(Session session, SessionEnd how, int closeCode) {
        if (log.isInfoEnabled()) {
            log.info("event=end user={} remote={} duration_ms={} calls={} end={} close_code={}", session.name(),
                    value(remote(session)), session.age().toMillis(), session.callsMade(), how.label(),
                    closeCode == NO_CLOSE_CODE ? "-" : String.valueOf(closeCode));
        }
    }

    /** Netty writes a socket address as {@code /127.0.0.1:50412}; the slash tells nothing. */
    private static String remote(Session session) {
        return withoutSlash(session.remoteAddress());
    }

    private static String withoutSlash(String remote) {
        return remote != null && remote.startsWith("/") ? remote.substring(1) : remote;
    }

    static String value(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "-";
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '=') {
                return '"' + raw.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return raw;
    }
}
