package org.webrtcgateway.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;

import org.webrtcgateway.core.CoreModule;
import org.webrtcgateway.core.Lifecycle;
import org.webrtcgateway.core.config.ConfigException;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.config.Settings;

/**
 * The gateway as the class path makes it: the core and every {@link GatewayPlugin} found there. The
 * server's {@code main} and the tests' gateway start it the same way, through {@link #start}.
 */
public final class Composition {

    private final List<GatewayPlugin> plugins;

    private Composition(List<GatewayPlugin> plugins) {
        Set<String> names = new HashSet<>();
        for (GatewayPlugin plugin : plugins) {
            if (!names.add(plugin.name())) {
                throw new IllegalStateException("two plug-ins are named '" + plugin.name() + "'");
            }
        }
        this.plugins = plugins.stream().sorted(Comparator.comparing(GatewayPlugin::name)).toList();
    }

    /** The core and the plug-ins on the class path. */
    public static Composition discover() {
        List<GatewayPlugin> found = new ArrayList<>();
        ServiceLoader.load(GatewayPlugin.class).forEach(found::add);
        return new Composition(found);
    }

    /** The plug-ins, by name. */
    public List<GatewayPlugin> plugins() {
        return plugins;
    }

    /** Every setting the gateway reads: the core's, then each plug-in's. */
    public List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(CoreModule.settings());
        plugins.forEach(plugin -> all.addAll(plugin.settings()));
        return List.copyOf(all);
    }

    /**
     * Checks {@code settings} (unknown keys, with a suggestion; values out of range), builds the
     * injector of the core, the plug-ins and {@code extraModules} (tests add theirs), and starts it.
     *
     * @throws ConfigException when a setting is wrong, whether the check or a config class found it
     */
    public Started start(Settings settings, List<Module> extraModules) throws Exception {
        settings.validate(settings());
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(settings));
        modules.addAll(plugins);
        modules.addAll(extraModules);
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, modules);
        } catch (CreationException e) {
            throw configExceptionIn(e, e.getErrorMessages()).orElseThrow(() -> e);
        } catch (ProvisionException e) {
            throw configExceptionIn(e, e.getErrorMessages()).orElseThrow(() -> e);
        }
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        lifecycle.start();
        return new Started(injector, lifecycle);
    }

    /**
     * A config class refusing its values surfaces in Guice's exception, wrapped: the config message
     * alone is what the operator needs. Guice gives no single cause when the same provider failed for
     * several injection points (a bridge both a set and a name need), hence each message's.
     */
    private static Optional<ConfigException> configExceptionIn(Throwable wrapper, Collection<Message> messages) {
        List<Throwable> causes = new ArrayList<>();
        causes.add(wrapper.getCause());
        messages.forEach(message -> causes.add(message.getCause()));
        for (Throwable cause : causes) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConfigException config) {
                    return Optional.of(config);
                }
            }
        }
        return Optional.empty();
    }

    /** A running gateway: its injector (for tests to look inside) and the lifecycle that stops it. */
    public record Started(Injector injector, Lifecycle lifecycle) {
    }
}
