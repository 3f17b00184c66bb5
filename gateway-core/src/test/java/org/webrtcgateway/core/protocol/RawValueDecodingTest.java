package org.webrtcgateway.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.core.api.ErrorCode;

/** String values kept raw (data, sdp): found by their closing quote, still checked by the parser. */
class RawValueDecodingTest {

    private final JsonDecoder decoder = new JsonDecoder();

    @Test
    void aStringWithEscapedQuotesAndBackslashesIsKeptWhole() {
        Inbound decoded = decoder.decode("{\"type\":\"offer\",\"to\":\"bob\",\"sdp\":\"a=\\\"x\\\\\\\" y\\\\\",\"call\":\"c1\"}");

        ClientMessage.Offer offer = (ClientMessage.Offer) ((Inbound.Request) decoded).message();
        assertThat(offer.sdp().json().json()).isEqualTo("\"a=\\\"x\\\\\\\" y\\\\\"");
        assertThat(offer.sdp().text()).isEqualTo("a=\"x\\\" y\\");
        assertThat(offer.call()).isEqualTo("c1");
    }

    @Test
    void anUnterminatedStringIsBadJson() {
        Inbound decoded = decoder.decode("{\"type\":\"message\",\"to\":\"bob\",\"data\":\"abc");

        assertThat(((Inbound.Malformed) decoded).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @Test
    void aControlCharacterInsideARawStringIsStillBadJson() {
        Inbound decoded = decoder.decode("{\"type\":\"message\",\"to\":\"bob\",\"data\":\"a\u0001b\"}");

        assertThat(((Inbound.Malformed) decoded).code()).isEqualTo(ErrorCode.BAD_JSON);
    }
}
