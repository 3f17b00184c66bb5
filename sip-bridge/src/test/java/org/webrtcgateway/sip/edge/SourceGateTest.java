package org.webrtcgateway.sip.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.net.AddressRanges;

class SourceGateTest {

    private final AddressRanges trusted = AddressRanges.resolve(List.of("192.0.2.1"), (entry, why) -> { });

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static SourceRateLimit oneAtATime() {
        return new SourceRateLimit(1, 1, 10, () -> 0L); // the clock stands still: one request per source
    }

    @Test
    void rejectPolicyForbidsUntrustedRequestsButNeverAnswersAnAck() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, new SourceRateLimit(0, 1, 10, System::nanoTime), false);

        assertThat(gate.check(ip("192.0.2.1"), "INVITE")).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("203.0.113.9"), "OPTIONS")).isEqualTo(Verdict.FORBID);
        assertThat(gate.check(ip("203.0.113.9"), "ACK")).isEqualTo(Verdict.IGNORE_UNTRUSTED);
        assertThat(gate.check(null, "INVITE")).as("a source the stack could not tell").isEqualTo(Verdict.FORBID);
    }

    @Test
    void silentPolicyAnswersUntrustedSourcesNothing() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, new SourceRateLimit(0, 1, 10, System::nanoTime), true);

        assertThat(gate.check(ip("203.0.113.9"), "REGISTER")).isEqualTo(Verdict.IGNORE_UNTRUSTED);
        assertThat(gate.check(ip("192.0.2.1"), "REGISTER")).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void pastItsRateATrustedSourceIsThrottledAndAnUntrustedOneDropped() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, oneAtATime(), false);

        assertThat(gate.check(ip("192.0.2.1"), "INVITE")).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "INVITE")).isEqualTo(Verdict.THROTTLE);
        assertThat(gate.check(ip("192.0.2.1"), "ACK")).isEqualTo(Verdict.DROP_FLOOD);
        assertThat(gate.check(ip("203.0.113.9"), "INVITE")).isEqualTo(Verdict.FORBID);
        assertThat(gate.check(ip("203.0.113.9"), "INVITE")).isEqualTo(Verdict.DROP_FLOOD);
    }
}
