package org.webrtcgateway.core.plugin;

import java.util.List;

import com.google.inject.Module;

import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * A part of the gateway that is there when its jar is on the class path: a frontend, a bridge, a
 * cluster store. Its Guice module binds what it adds (a bridge into the {@code Bridge} multibinder, a
 * frontend into {@code Frontend}'s); its settings are validated, listed by {@code --help} and
 * documented in the README like the core's.
 *
 * <p>Found with {@link java.util.ServiceLoader}: a module lists its implementation in
 * {@code META-INF/services/org.webrtcgateway.core.plugin.GatewayPlugin}, and needs a public
 * constructor without arguments. Adding a module to the gateway is adding it to the poms.
 */
public interface GatewayPlugin extends Module {

    /** A short name for logs and {@code --help}, e.g. {@code "sip-bridge"}; unique among plug-ins. */
    String name();

    /** Every setting the plug-in reads; empty when it reads none. */
    List<Setting<?>> settings();

    /**
     * Builds the plug-in's typed configuration from {@code settings} and reads the files it names (keys,
     * certificates), opening nothing, so that {@code --check-config} and start-up refuse a wrong
     * configuration before anything starts.
     *
     * @throws org.webrtcgateway.core.config.ConfigException naming the setting and what was expected
     */
    default void check(Settings settings) {
    }
}
