package org.webrtcgateway.sip.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;

class DialPlanTest {

    private final DialPlan plan = new DialPlan(List.of(
            new DialPlan.Rule("a-extensions", Pattern.compile("tel:(\\d{4});phone-context=.*"), "sip:$1@pbx.example.org"),
            new DialPlan.Rule("b-uk", Pattern.compile("tel:\\+44(\\d+)"), "sip:0$1@uk-trunk.example.org;user=phone"),
            new DialPlan.Rule("c-evil", Pattern.compile("tel:666;.*"), "sip:x@y>\r\nX-Injected: 1")));

    private static Address.External dialed(String text) {
        return (Address.External) Address.of(text);
    }

    /** RFC 3966: a local number carries a phone-context; the gateway's {@code Address} insists on it. */
    @Test
    void shortExtensionsAndInternationalNumbersFollowTheirRules() {
        assertThat(plan.resolve(dialed("tel:1002;phone-context=example.org"), "home.example.org")).contains("sip:1002@pbx.example.org");
        assertThat(plan.resolve(dialed("tel:+442071234567"), "home.example.org"))
                .contains("sip:02071234567@uk-trunk.example.org;user=phone");
    }

    @Test
    void withoutAMatchingRuleSipAddressesStayAndNumbersGoToTheCallersDomain() {
        assertThat(plan.resolve(dialed("sip:bob@elsewhere.example.org"), "home.example.org")).contains("sip:bob@elsewhere.example.org");
        assertThat(plan.resolve(dialed("tel:+1-555-0100"), "home.example.org")).contains("sip:+15550100@home.example.org;user=phone");
    }

    @Test
    void aRuleWhoseResultIsNotASafeSipAddressRoutesNowhere() {
        assertThat(plan.resolve(dialed("tel:666;phone-context=example.org"), "home.example.org")).isEmpty();
    }

    @Test
    void aBrowserCannotChooseHowOrWhereTheRequestTravels() {
        for (String routed : new String[] {"sip:1002@pbx.example.org;maddr=10.0.0.1", "sip:1002@pbx.example.org;transport=tcp",
                "sip:1002@pbx.example.org;lr", "sip:1002@pbx.example.org;user=phone;maddr=127.0.0.2",
                "sips:1002@pbx.example.org;method=REGISTER"}) {
            assertThat(plan.refusal(dialed(routed))).as(routed).get().asString().contains("URI parameter");
        }
        assertThat(plan.refusal(dialed("sip:+15550100@pbx.example.org;user=phone"))).isEmpty();
        assertThat(plan.refusal(dialed("sip:1002@pbx.example.org"))).isEmpty();
        assertThat(plan.refusal(dialed("sip:bob@127.0.0.1:5070"))).as("a peer on its own port, as a dial plan would").isEmpty();
    }

    @Test
    void aNumberIsDigitsAPlusAndVisualSeparatorsOnly() {
        assertThat(plan.refusal(dialed("tel:+1-(555)-0100"))).isEmpty();
        assertThat(plan.refusal(dialed("tel:1002;phone-context=office"))).isEmpty();
        for (String code : new String[] {"tel:*72;phone-context=office", "tel:#31#555;phone-context=office",
                "tel:ABCD;phone-context=office"}) {
            assertThat(plan.refusal(dialed(code))).as(code).get().asString().contains("only digits");
        }
    }

    @Test
    void aRuleThatMatchesMayPutParametersAndFeatureCodesThere() {
        DialPlan operators = new DialPlan(List.of(
                new DialPlan.Rule("a-feature", Pattern.compile("tel:\\*(\\d\\d);phone-context=office"), "sip:*$1@pbx.example.org"),
                new DialPlan.Rule("b-trunk", Pattern.compile("sip:(\\d+)@trunk"), "sip:$1@127.0.0.1;transport=tcp")));

        assertThat(operators.refusal(dialed("tel:*72;phone-context=office"))).isEmpty();
        assertThat(operators.resolve(dialed("tel:*72;phone-context=office"), "x")).contains("sip:*72@pbx.example.org");
        assertThat(operators.refusal(dialed("sip:1002@trunk"))).isEmpty();
        assertThat(operators.resolve(dialed("sip:1002@trunk"), "x")).contains("sip:1002@127.0.0.1;transport=tcp");
    }
}
