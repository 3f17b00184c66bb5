package org.webrtcgateway.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;

import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.api.Address;

import com.code_intelligence.jazzer.junit.FuzzTest;

import gov.nist.javax.sip.header.extensions.ReferredByHeader;

/**
 * Where a REFER asks the browser to call ({@link ReferTarget#of}), coverage-guided (ADR 0018). An input is the header
 * lines a referrer writes into the REFER it sends in the call's dialog (its Refer-To, maybe a Referred-By, more lines
 * if it likes), between the headers of a fixed in-dialog REFER; JAIN-SIP parses the request as the stack does, and what
 * it refuses never reaches the bridge. The seeds in {@code ReferTargetFuzzTestInputs/} follow RFC 3515's and RFC 3892's
 * examples, and are the unit tests' Refer-Tos.
 */
class ReferTargetFuzzTest {

    private static final MessageFactory MESSAGES;
    private static final AddressFactory ADDRESSES;
    private static final HeaderFactory HEADERS;

    static {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            MESSAGES = factory.createMessageFactory();
            ADDRESSES = factory.createAddressFactory();
            HEADERS = factory.createHeaderFactory();
        } catch (PeerUnavailableException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A REFER JAIN-SIP parses is followed or refused, never an exception: followed, the target is a {@code sip:},
     * {@code sips:} or {@code tel:} address the gateway's own {@link Address#parse} gives back unchanged, and it (as
     * the Referred-By address is too) can be written into the INVITE and the Referred-By the gateway then sends;
     * refused, the status is one {@link ReferTarget} answers and the reason phrase one bounded line.
     */
    @FuzzTest
    @Timeout(10)
    void aReferIsFollowedToAnAddressTheGatewayAcceptsOrRefusedWithAStatus(byte[] input) {
        Request refer;
        try {
            refer = refer(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException refusedByTheStack) {
            return;
        }

        ReferTarget target = ReferTarget.of(refer);

        if (target instanceof ReferTarget.Found found) {
            isAnAddressTheGatewayCanCall(Optional.of(found.address()));
        } else {
            ReferTarget.Refused refused = (ReferTarget.Refused) target;
            assertThat(refused.status()).isIn(400, 403, 416, 501);
            assertThat(refused.reason()).isNotBlank().hasSizeLessThanOrEqualTo(120)
                    .matches("[\\x20-\\x7e]+") // a reason phrase and a log line: printable ASCII
                    .doesNotStartWith(" ").doesNotEndWith(" ");
        }
        if (refer.getHeader(ReferredByHeader.NAME) instanceof ReferredByHeader referredBy) {
            isAnAddressTheGatewayCanCall(ReferTarget.addressOf(referredBy.getAddress().getURI()));
        }
    }

    private static void isAnAddressTheGatewayCanCall(Optional<Address.External> found) {
        if (found.isEmpty()) {
            return;
        }
        Address.External address = found.get();
        assertThat(address.scheme()).isIn("sip", "sips", "tel");
        assertThat(Address.parse(address.uri())).as("the gateway's own validation").contains(address);
        try {
            ADDRESSES.createURI(address.uri());
            HEADERS.createHeader(ReferredByHeader.NAME, "<" + address.uri() + ">");
        } catch (ParseException e) {
            throw new AssertionError("JAIN-SIP does not take " + address.uri() + " back", e);
        }
    }

    private static Request refer(String headerLines) throws ParseException {
        String lines = headerLines.endsWith("\r\n") ? headerLines : headerLines + "\r\n";
        return MESSAGES.createRequest("REFER sip:1001@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK-fuzz\r\n"
                + "From: <sip:1002@localhost>;tag=a\r\nTo: <sip:1001@localhost>;tag=b\r\n"
                + "Call-ID: refer-fuzz\r\nCSeq: 2 REFER\r\nMax-Forwards: 70\r\nContact: <sip:1002@127.0.0.1:5090>\r\n"
                + lines + "Content-Length: 0\r\n\r\n");
    }
}
