package org.webrtcgateway.core.plugin;

/**
 * Something a running gateway can read again from its files without a restart, when the operator asks
 * (SIGHUP, {@code systemctl reload}): a renewed TLS certificate, say. A part binds it into Guice's
 * {@code Set<Reloadable>}; what needs a restart (ports, bridges' accounts) is not reloadable.
 */
public interface Reloadable {

    /**
     * Reads the files again and uses them from now on; connections already open keep what they have.
     *
     * @return one line for the log saying what was reloaded
     * @throws Exception when the files cannot be used: what was in use stays in use
     */
    String reload() throws Exception;
}
