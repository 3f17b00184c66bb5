package org.webrtcgateway.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.Multibinder;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.CoreModule;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.AddressForm;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.config.Settings;

/** {@link JsonDecoder} with the {@link AddressForm}s plug-ins bind: their schemes are addresses, the others stay refused. */
class PluggedAddressFormsTest {

    private static final AddressForm ECHO = new AddressForm("echo", Pattern.compile("[a-z0-9]{1,32}"));

    private static final String OFFER_TO = "{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":";

    private static Inbound offerTo(JsonDecoder decoder, String to) {
        return decoder.decode(OFFER_TO + "\"" + to + "\"}");
    }

    @Test
    void anAddressOfAPluggedSchemeIsAcceptedInItsCanonicalForm() {
        JsonDecoder decoder = new JsonDecoder(Set.of(ECHO));

        assertThat(offerTo(decoder, "ECHO:anything")).isEqualTo(new Inbound.Request(null,
                new ClientMessage.Offer(new Address.External("echo", "echo:anything"), null, "v=0")));
    }

    @Test
    void anAddressOfAPluggedSchemeNotOfItsFormIsBadMessageListingTheScheme() {
        Inbound inbound = offerTo(new JsonDecoder(Set.of(ECHO)), "echo:not/this");

        assertThat(inbound).isInstanceOf(Inbound.Malformed.class);
        Inbound.Malformed malformed = (Inbound.Malformed) inbound;
        assertThat(malformed.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(malformed.message()).contains("'to'").contains("xmpp:user@domain[/resource] or echo:...");
    }

    @Test
    void withoutItsFormTheSchemeIsNoAddress() {
        Inbound inbound = offerTo(new JsonDecoder(), "echo:anything");

        assertThat(inbound).isInstanceOf(Inbound.Malformed.class);
        assertThat(((Inbound.Malformed) inbound).code()).isEqualTo(ErrorCode.BAD_MESSAGE);
        assertThat(((Inbound.Malformed) inbound).message())
                .endsWith("(a name of 1 to 64 of A-Za-z0-9._-@+, sip:user@host, sips:..., tel:+number or "
                        + "xmpp:user@domain[/resource]): 'echo:anything'");
    }

    @Test
    void theBuiltInFormsAreUnchanged() {
        JsonDecoder decoder = new JsonDecoder(Set.of(ECHO));

        assertThat(offerTo(decoder, "sip:1001@pbx.example.org")).isInstanceOf(Inbound.Request.class);
        assertThat(offerTo(decoder, "bob")).isInstanceOf(Inbound.Request.class);
        assertThat(offerTo(decoder, "mailto:a@b")).isInstanceOf(Inbound.Malformed.class);
        assertThat(offerTo(decoder, "sip:a@b?X-Injected=1")).isInstanceOf(Inbound.Malformed.class);
    }

    @Test
    void twoFormsForOneSchemeAreRefused() {
        AddressForm other = new AddressForm("echo", Pattern.compile(".*"));

        assertThatThrownBy(() -> new JsonDecoder(Set.of(ECHO, other)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'echo:'");
    }

    @Test
    void theCoresDecoderTakesTheFormsPlugInsBind() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(Settings.of(Map.of())), binding(ECHO));

        assertThat(offerTo(injector.getInstance(JsonDecoder.class), "echo:anything")).isInstanceOf(Inbound.Request.class);
    }

    @Test
    void aPlugInRedefiningABuiltInSchemeStopsTheStartSayingSo() {
        Module redefiningSip = new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), AddressForm.class).addBinding()
                        .toInstance(new AddressForm("sip", Pattern.compile(".*")));
            }
        };

        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, new CoreModule(Settings.of(Map.of())), redefiningSip))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("the scheme 'sip:' is built into the gateway");
    }

    private static Module binding(AddressForm form) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), AddressForm.class).addBinding().toInstance(form);
            }
        };
    }
}
