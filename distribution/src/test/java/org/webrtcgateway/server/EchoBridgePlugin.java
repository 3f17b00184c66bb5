package org.webrtcgateway.server;

import java.util.List;
import java.util.regex.Pattern;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import org.webrtcgateway.core.api.AddressForm;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.config.Setting;
import org.webrtcgateway.core.plugin.GatewayPlugin;

/**
 * A plug-in that exists only in this module's tests, found as the real ones are: it is listed in the
 * tests' {@code META-INF/services} and named in no code. It brings a scheme the core does not know,
 * {@code echo:}, with the form of its addresses and the bridge that owns it ({@link EchoBridge}).
 */
public final class EchoBridgePlugin extends AbstractModule implements GatewayPlugin {

    static final String SCHEME = "echo";
    /** What may follow {@code echo:}: a name, as a phone number or an account would be in a real scheme. */
    static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public String name() {
        return "echo-bridge";
    }

    /** None: the README documents every setting of the gateway, and a plug-in of the tests must add none. */
    @Override
    public List<Setting<?>> settings() {
        return List.of();
    }

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), AddressForm.class).addBinding().toInstance(new AddressForm(SCHEME, FORM));
        Multibinder.newSetBinder(binder(), Bridge.class).addBinding().toInstance(new EchoBridge(SCHEME));
    }
}
