package org.webrtcgateway.core.config;

/** A configuration that cannot start the gateway; the message names the key and what was expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
