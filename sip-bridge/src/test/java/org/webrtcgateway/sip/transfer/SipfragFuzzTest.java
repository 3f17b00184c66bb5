package org.webrtcgateway.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link Sipfrag#status} on any body of a REFER's NOTIFY (RFC 3515, {@code message/sipfrag} of RFC 3420),
 * coverage-guided (ADR 0018). The seeds in {@code SipfragFuzzTestInputs/} are the fragments of RFC 3420's and RFC 3515's
 * examples, the bodies the sipp phones of the integration tests send, and the unit tests' fragments.
 */
class SipfragFuzzTest {

    /**
     * Reading a fragment never throws; a status it gives is a SIP status (100 to 699) that the body's first line states
     * as {@code SIP/2.0 <status>}, followed by the line's end, a reason phrase or nothing; and the fragment the gateway
     * writes for that status reads back to it.
     */
    @FuzzTest
    @Timeout(10)
    void aStatusIsOneTheFirstLineStatesAndReadsBack(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);

        OptionalInt status = Sipfrag.status(body);

        if (status.isEmpty()) {
            return;
        }
        int code = status.getAsInt();
        assertThat(code).isBetween(100, 699);
        String prefix = "SIP/2.0 " + code;
        assertThat(body).startsWith(prefix);
        String rest = body.substring(prefix.length());
        assertThat(rest.isEmpty() || rest.startsWith(" ") || rest.startsWith("\n") || rest.startsWith("\r\n"))
                .as("after the code: %s", rest).isTrue();
        assertThat(Sipfrag.status(Sipfrag.of(code))).hasValue(code);
        assertThat(Sipfrag.describe(code)).startsWith(code + " ").doesNotContain("\r", "\n");
    }
}
