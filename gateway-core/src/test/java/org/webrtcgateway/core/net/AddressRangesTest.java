package org.webrtcgateway.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void addressesRangesAndProxyHostPortsMatchOnlyWhatTheyCover() throws UnknownHostException {
        AddressRanges trusted = AddressRanges.resolve(List.of("192.0.2.10", "198.51.100.0/25", "127.0.0.1:5060", "[2001:db8::1]:5061",
                "2001:db8:1::/48"), (entry, why) -> { });

        assertThat(trusted.contains(ip("192.0.2.10"))).isTrue();
        assertThat(trusted.contains(ip("192.0.2.11"))).isFalse();
        assertThat(trusted.contains(ip("198.51.100.127"))).isTrue();
        assertThat(trusted.contains(ip("198.51.100.128"))).isFalse();
        assertThat(trusted.contains(ip("127.0.0.1"))).isTrue();
        assertThat(trusted.contains(ip("127.0.0.2"))).as("loopback is not trusted as a whole").isFalse();
        assertThat(trusted.contains(ip("2001:db8::1"))).isTrue();
        assertThat(trusted.contains(ip("2001:db8:1:ffff::9"))).isTrue();
        assertThat(trusted.contains(ip("2001:db8:2::1"))).isFalse();
    }

    @Test
    void aPrefixThatIsNotAByteBoundaryMasksTheRest() throws UnknownHostException {
        AddressRanges trusted = AddressRanges.resolve(List.of("10.1.2.0/23"), (entry, why) -> { });

        assertThat(trusted.contains(ip("10.1.3.200"))).isTrue();
        assertThat(trusted.contains(ip("10.1.4.1"))).isFalse();
        assertThat(trusted.contains(ip("10.1.1.255"))).isFalse();
    }

    @Test
    void aHostNameIsResolvedAndOneThatDoesNotResolveIsReportedAndLeftOut() throws UnknownHostException {
        List<String> unresolved = new ArrayList<>();
        AddressRanges trusted = AddressRanges.resolve(List.of("localhost", "no-such-host.invalid"), (entry, why) -> unresolved.add(entry));

        assertThat(trusted.contains(ip("127.0.0.1"))).isTrue();
        assertThat(unresolved).containsExactly("no-such-host.invalid");
    }

    @Test
    void malformedEntriesAreRefusedWithTheEntryInTheMessage() {
        for (String bad : List.of("300.1.1.1", "10.0.0.0/33", "10.0.0.0/x", "pbx.example.org/24", "bad host", "[::1")) {
            assertThatThrownBy(() -> AddressRanges.validate(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}
