package org.webrtcgateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3629, the cases RFC 6455 text frames must be checked for. */
class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii only, longer than eight bytes", "é", "€ euro", "𝄞 clef", "mixed ascii then ü at the end"})
    void wellFormedTextIsValid(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.isValid(bytes, 0, bytes.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80",             // a lone continuation byte
            "c3",             // truncated two-byte sequence
            "e282",           // truncated three-byte sequence
            "c0af",           // overlong '/'
            "e080af",         // overlong, three bytes
            "eda080",         // a UTF-16 surrogate (U+D800)
            "f4908080",       // above U+10FFFF
            "ff",             // never valid
            "41424344454647c3"})  // truncated after an ASCII run
    void malformedBytesAreInvalid(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);

        assertThat(Utf8.isValid(bytes, 0, bytes.length)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void onlyTheGivenRangeIsChecked() {
        byte[] bytes = {(byte) 0xff, 'o', 'k', (byte) 0xff};

        assertThat(Utf8.isValid(bytes, 1, 2)).isTrue();
    }
}
