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
}
