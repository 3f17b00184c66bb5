package org.webrtcgateway.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;

class AddressPatternsTest {

    private static String match(String pattern, String address) {
        return AddressPatterns.of(List.of(pattern)).firstMatch(Address.of(address));
    }

    @Test
    void aStarStandsForAnyRunOfCharactersAndTheRestMustMatchExactly() {
        assertThat(match("sip:*@pbx.example.com", "sip:1002@pbx.example.com")).isEqualTo("sip:*@pbx.example.com");
        assertThat(match("sip:*@pbx.example.com", "sip:1002@pbx.example.com.evil.net")).isNull();
        assertThat(match("sip:*@pbx.example.com", "sip:1002@pbxXexample.com")).as("a dot is a dot, not any character").isNull();
        assertThat(match("*", "bob")).isEqualTo("*");
        assertThat(match("bob", "bobby")).isNull();
        assertThat(match("*bob", "xbob")).isEqualTo("*bob");
    }

    @Test
    void separatorsEscapesAndCaseCannotStepAroundAPattern() {
        assertThat(match("tel:+1900*", "tel:+1-900-555-1234")).isNotNull();
        assertThat(match("tel:+1900*", "tel:+1.(900)5551234")).isNotNull();
        assertThat(match("sip:+1900*", "sip:%2B19005551234@pbx")).isNotNull();
        assertThat(match("sip:*@pbx.example.com", "SIP:1002@PBX.Example.COM")).isNotNull();
        assertThat(match("tel:+1900*", "tel:+15551234")).isNull();
    }

    @Test
    void denyWinsOverAllowAndAnEmptyAllowListAllowsWhatIsNotDenied() {
        AccessPolicy policy = new AccessPolicy(AddressPatterns.of(List.of("tel:*")), AddressPatterns.of(List.of("tel:+1900*")),
                AddressPatterns.NONE, AddressPatterns.NONE, true, 10, 8);

        assertThat(policy.refusesCall(Address.of("tel:+15551234"))).isNull();
        assertThat(policy.refusesCall(Address.of("tel:+19005551234"))).isEqualTo("calls_deny 'tel:+1900*'");
        assertThat(policy.refusesCall(Address.of("bob"))).isEqualTo("not in calls_allow [tel:*]");
        assertThat(policy.refusesMessage(Address.of("tel:+19005551234"))).isNull();
    }
}
