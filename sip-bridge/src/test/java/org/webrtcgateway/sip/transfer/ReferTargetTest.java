package org.webrtcgateway.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;

import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.Address;

/** RFC 3515 2.1: what a Refer-To may say, and which of it the gateway follows. */
@Tag("rfc3515")
class ReferTargetTest {

    @Test
    void aPlainSipUriIsFollowedWithoutItsParameters() {
        assertThat(target("<sip:1003@pbx.example.org;transport=tcp>"))
                .isEqualTo(new ReferTarget.Found((Address.External) Address.of("sip:1003@pbx.example.org")));
        assertThat(target("sips:bob@[::1]:5061")).isEqualTo(new ReferTarget.Found((Address.External) Address.of("sips:bob@[::1]:5061")));
        assertThat(target("<sip:1003@pbx.example.org;method=INVITE>")).isInstanceOf(ReferTarget.Found.class);
    }

    @Test
    void aTelUriIsFollowedAsItIs() {
        assertThat(target("<tel:+4930123456>")).isEqualTo(new ReferTarget.Found((Address.External) Address.of("tel:+4930123456")));
    }

    @Test
    void anAttendedTransferIsNotImplemented() {
        ReferTarget refused = target("<sip:1003@pbx.example.org?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>");
        assertThat(refused).isInstanceOf(ReferTarget.Refused.class);
        assertThat(((ReferTarget.Refused) refused).status()).isEqualTo(501);
        assertThat(((ReferTarget.Refused) refused).reason()).contains("Replaces");
    }

    @Test
    void uriHeadersOtherMethodsAndOtherSchemesAreRefused() {
        assertThat(status(target("<sip:1003@pbx.example.org?Subject=hello>"))).isEqualTo(403);
        assertThat(status(target("<sip:1003@pbx.example.org;method=SUBSCRIBE>"))).isEqualTo(501);
        assertThat(status(target("<http://example.org/>"))).isEqualTo(416);
    }

    @Test
    void aReferWithoutReferToIsABadRequest() {
        // (JAIN-SIP's parser keeps one of several Refer-To lines, so "more than one" is its to refuse, not ours)
        assertThat(status(ReferTarget.of(refer("")))).isEqualTo(400);
    }

    private static int status(ReferTarget target) {
        assertThat(target).isInstanceOf(ReferTarget.Refused.class);
        return ((ReferTarget.Refused) target).status();
    }

    private static ReferTarget target(String referTo) {
        return ReferTarget.of(refer("Refer-To: " + referTo + "\r\n"));
    }

    private static Request refer(String referTo) {
        String text = "REFER sip:1001@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK-1\r\n"
                + "From: <sip:1002@localhost>;tag=a\r\nTo: <sip:1001@localhost>;tag=b\r\n"
                + "Call-ID: refer-test\r\nCSeq: 2 REFER\r\nMax-Forwards: 70\r\nContact: <sip:1002@127.0.0.1:5090>\r\n"
                + referTo + "Content-Length: 0\r\n\r\n";
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            MessageFactory messages = factory.createMessageFactory();
            return messages.createRequest(text);
        } catch (PeerUnavailableException | ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** Found by ReferTargetFuzzTest: {@code ;method} without a value made the reason phrase "... not " (and a long one, a long phrase). */
    @Test
    void aMethodParameterThatIsNoShortTokenIsRefusedWithoutNamingIt() {
        assertThat(target("<sip:1003@pbx.example.org;method>")).isEqualTo(new ReferTarget.Refused(501, "only referrals to INVITE are followed"));
        assertThat(target("<sip:1003@pbx.example.org;method=" + "X".repeat(200) + ">"))
                .isEqualTo(new ReferTarget.Refused(501, "only referrals to INVITE are followed"));
        assertThat(target("<sip:1003@pbx.example.org;method=subscribe>"))
                .isEqualTo(new ReferTarget.Refused(501, "only referrals to INVITE are followed, not SUBSCRIBE"));
    }
}
