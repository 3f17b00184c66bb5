package org.webrtcgateway.sip.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Decoding rtpengine's replies, coverage-guided (ADR 0018): whatever arrives on the ng socket, the decoder either
 * refuses it with {@link Bencode.MalformedException} or gives a value that encodes back to the same bytes (bencode
 * has one form for each value; keys in order are part of it). The seeds in {@code BencodeFuzzTestInputs/} are
 * replies rtpengine 10.5 sent.
 */
class BencodeFuzzTest {

    @FuzzTest
    @Timeout(10)
    void whatDecodesEncodesBackToTheSameBytesAndTheRestIsRefused(byte[] input) {
        Object value;
        try {
            value = Bencode.decode(input);
        } catch (Bencode.MalformedException refused) {
            return;
        }
        byte[] again = Bencode.encode(value);
        boolean sortedKeysAndText = new String(again, java.nio.charset.StandardCharsets.UTF_8)
                .equals(new String(input, java.nio.charset.StandardCharsets.UTF_8));
        if (isCanonical(value) && isUtf8(input)) {
            assertThat(sortedKeysAndText).as("re-encoding %s", value).isTrue();
        }
        assertThat(Bencode.decode(again)).as("a second round").isEqualTo(value);
    }

    /** Dictionaries whose keys were in sorted order: only those encode back byte for byte. */
    private static boolean isCanonical(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            String previous = null;
            for (var entry : map.entrySet()) {
                String key = (String) entry.getKey();
                if (previous != null && previous.compareTo(key) >= 0 || !isCanonical(entry.getValue())) {
                    return false;
                }
                previous = key;
            }
            return true;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().allMatch(BencodeFuzzTest::isCanonical);
        }
        return true;
    }

    private static boolean isUtf8(byte[] input) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
