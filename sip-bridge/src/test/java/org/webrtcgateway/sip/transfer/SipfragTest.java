package org.webrtcgateway.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc3420")
class SipfragTest {

    @Test
    void theStatusOfAFragmentIsItsStatusLinesCode() {
        assertThat(Sipfrag.status("SIP/2.0 100 Trying\r\n")).hasValue(100);
        assertThat(Sipfrag.status("SIP/2.0 200 OK")).as("no line end").hasValue(200);
        assertThat(Sipfrag.status("SIP/2.0 486 Busy Here\nContact: <sip:a@b>\n")).as("headers follow").hasValue(486);
        assertThat(Sipfrag.status("SIP/2.0 603\r\n")).as("no reason phrase").hasValue(603);
    }

    @Test
    void whatIsNoSipResponseFragmentHasNoStatus() {
        assertThat(Sipfrag.status(null)).isEqualTo(OptionalInt.empty());
        assertThat(Sipfrag.status("")).isEmpty();
        assertThat(Sipfrag.status("INVITE sip:bob@example.org SIP/2.0\r\n")).as("a request fragment").isEmpty();
        assertThat(Sipfrag.status(" SIP/2.0 200 OK\r\n")).as("the status line must open the body").isEmpty();
        assertThat(Sipfrag.status("SIP/2.0 700 Out Of Range\r\n")).isEmpty();
        assertThat(Sipfrag.status("SIP/2.0 2000 OK\r\n")).isEmpty();
        assertThat(Sipfrag.status("SIP/3.0 200 OK\r\n")).isEmpty();
    }

    @Test
    void aStatusBecomesAStatusLineWithItsReasonPhrase() {
        assertThat(Sipfrag.of(100)).isEqualTo("SIP/2.0 100 Trying\r\n");
        assertThat(Sipfrag.of(200)).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(Sipfrag.of(603)).isEqualTo("SIP/2.0 603 Decline\r\n");
        assertThat(Sipfrag.status(Sipfrag.of(487))).hasValue(487);
        assertThat(Sipfrag.describe(486)).isEqualTo("486 Busy here");
        assertThatThrownBy(() -> Sipfrag.of(42)).hasMessageContaining("42");
    }
}
