package org.webrtcgateway.core.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;

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
     * Everything wrong with {@code settings}, one line each with where it was written: unknown keys
     * (with a suggestion), values of the wrong form, and what each part's typed configuration refuses
     * (settings that contradict each other, files that cannot be read). Opens nothing.
     */
    public List<String> check(Settings settings) {
        List<String> problems = new ArrayList<>(settings.problems(settings()));
        if (!problems.isEmpty()) {
            return problems; // typed configurations would only repeat these
        }
        List<Consumer<Settings>> parts = new ArrayList<>();
        parts.add(CoreModule::check);
        plugins.forEach(plugin -> parts.add(plugin::check));
        for (Consumer<Settings> part : parts) {
            try {
                part.accept(settings);
            } catch (ConfigException e) {
                e.problems().forEach(problem -> problems.add(settings.locate(problem)));
            }
        }
        return problems;
    }

    /**
     * {@link #check Checks} {@code settings}, builds the injector of the core, the plug-ins and
     * {@code extraModules} (tests add theirs), and starts it.
     *
     * @throws ConfigException with every problem {@link #check} finds, or one that starting met (a port in use)
     */
    public Started start(Settings settings, List<Module> extraModules) throws Exception {
        List<String> problems = check(settings);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(settings));
        modules.addAll(plugins);
        modules.addAll(extraModules);
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, modules);
        } catch (CreationException | ProvisionException e) {
            // A config class refusing its values surfaces here, wrapped: show the config message alone.
            ConfigException config = configCause(e);
            if (config != null) {
                throw located(config, settings);
            }
            throw e;
        }
        Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
        try {
            lifecycle.start();
        } catch (ConfigException e) {
            throw located(e, settings);
        }
        return new Started(injector, lifecycle);
    }

    /** The first ConfigException among the causes, and Guice's several messages' causes. */
    private static ConfigException configCause(RuntimeException e) {
        List<Throwable> causes = new ArrayList<>();
        if (e instanceof CreationException creation) {
            creation.getErrorMessages().forEach(message -> causes.add(message.getCause()));
        } else if (e instanceof ProvisionException provision) {
            provision.getErrorMessages().forEach(message -> causes.add(message.getCause()));
        }
        causes.add(e.getCause());
        for (Throwable cause : causes) {
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                return (ConfigException) cause;
            }
        }
        return null;
    }

    /** {@code e} with where its settings were written; {@code e} itself when it names none that was. */
    private static ConfigException located(ConfigException e, Settings settings) {
        List<String> located = e.problems().stream().map(settings::locate).toList();
        return located.equals(e.problems()) ? e : new ConfigException(located);
    }

    /** A running gateway: its injector (for tests to look inside) and the lifecycle that stops it. */
    public record Started(Injector injector, Lifecycle lifecycle) {
    }
}
