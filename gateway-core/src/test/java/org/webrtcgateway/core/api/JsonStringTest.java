package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void aLiteralIsUnescapedOnlyWhenItsTextIsAskedFor() {
        JsonString sdp = JsonString.ofJson("\"v=0\\r\\nm=audio 9 UDP\\/TLS \\u0041\"");

        assertThat(sdp.json().json()).isEqualTo("\"v=0\\r\\nm=audio 9 UDP\\/TLS \\u0041\"");
        assertThat(sdp.text()).isEqualTo("v=0\r\nm=audio 9 UDP/TLS A");
    }

    @Test
    void textIsQuotedAndEscapedWhenItsJsonIsAskedFor() {
        JsonString sdp = JsonString.ofText("v=0\r\na=\"quoted\"\\");

        assertThat(sdp.json().json()).isEqualTo("\"v=0\\r\\na=\\\"quoted\\\"\\\\\"");
    }

    @Test
    void equalityIsByText() {
        assertThat(JsonString.ofJson("\"\\u0041b\"")).isEqualTo(JsonString.ofText("Ab")).hasSameHashCodeAs(JsonString.ofText("Ab"));
    }

    @Test
    void lengthNeverUnderstatesTheText() {
        assertThat(JsonString.ofJson("\"a\\r\\n\"").length()).isGreaterThanOrEqualTo(3);
        assertThat(JsonString.ofText("a\r\n").length()).isEqualTo(3);
    }

    @Test
    void somethingThatIsNotAStringLiteralIsRefused() {
        assertThatThrownBy(() -> JsonString.ofJson("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
