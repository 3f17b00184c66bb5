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

        assertThat(gate.check(ip("192.0.2.1"), "INVITE", false)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("203.0.113.9"), "OPTIONS", false)).isEqualTo(Verdict.FORBID);
        assertThat(gate.check(ip("203.0.113.9"), "ACK", false)).isEqualTo(Verdict.IGNORE_UNTRUSTED);
        assertThat(gate.check(null, "INVITE", false)).as("a source the stack could not tell").isEqualTo(Verdict.FORBID);
    }

    @Test
    void silentPolicyAnswersUntrustedSourcesNothing() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, new SourceRateLimit(0, 1, 10, System::nanoTime), true);

        assertThat(gate.check(ip("203.0.113.9"), "REGISTER", false)).isEqualTo(Verdict.IGNORE_UNTRUSTED);
        assertThat(gate.check(ip("192.0.2.1"), "REGISTER", false)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void pastItsRateATrustedSourceIsThrottledAndAnUntrustedOneDropped() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, oneAtATime(), false);

        assertThat(gate.check(ip("192.0.2.1"), "INVITE", false)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "INVITE", false)).isEqualTo(Verdict.THROTTLE);
        assertThat(gate.check(ip("192.0.2.1"), "ACK", false)).isEqualTo(Verdict.DROP_FLOOD);
        assertThat(gate.check(ip("203.0.113.9"), "INVITE", false)).isEqualTo(Verdict.FORBID);
        assertThat(gate.check(ip("203.0.113.9"), "INVITE", false)).isEqualTo(Verdict.DROP_FLOOD);
    }

    @Test
    void aTrustedSourcesRequestsOfKnownDialogsTakeNoTokenAndGoOnPastItsRate() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, oneAtATime(), false);

        assertThat(gate.check(ip("192.0.2.1"), "ACK", true)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "BYE", true)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "INVITE", false)).as("the one token still there").isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "INVITE", false)).as("what it starts is held back").isEqualTo(Verdict.THROTTLE);
        assertThat(gate.check(ip("192.0.2.1"), "BYE", false)).as("a BYE of no dialog the stack knows").isEqualTo(Verdict.THROTTLE);

        assertThat(gate.check(ip("192.0.2.1"), "BYE", true)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "ACK", true)).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.check(ip("192.0.2.1"), "CANCEL", true)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void anUntrustedSourceGetsNothingMoreForClaimingADialog() throws UnknownHostException {
        SourceGate gate = new SourceGate(trusted, oneAtATime(), false);

        assertThat(gate.check(ip("203.0.113.9"), "BYE", true)).isEqualTo(Verdict.FORBID);
        assertThat(gate.check(ip("203.0.113.9"), "BYE", true)).isEqualTo(Verdict.DROP_FLOOD);
    }
}
