package org.webrtcgateway.sip.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeTest {

    @Test
    void aDictionaryIsWrittenWithItsKeysSortedAndReadBackAsItWas() {
        Map<String, Object> command = Map.of("command", "offer", "sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n",
                "flags", List.of("trust-address", "SIP-source-address"), "call-id", "c1@h", "repeat", 2);

        byte[] encoded = Bencode.encode(command);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).startsWith("d7:call-id4:c1@h7:command5:offer5:flags");
        assertThat(Bencode.decode(encoded)).isEqualTo(Map.of("command", "offer", "sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n",
                "flags", List.of("trust-address", "SIP-source-address"), "call-id", "c1@h", "repeat", 2L));
    }

    @Test
    void textIsCountedInBytesNotCharacters() {
        assertThat(new String(Bencode.encode("né"), StandardCharsets.UTF_8)).isEqualTo("3:né");
        assertThat(Bencode.decode("3:né".getBytes(StandardCharsets.UTF_8))).isEqualTo("né");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "i-0e | a number not in its one form",
        "i03e | a number not in its one form",
        "ie | a number not in its one form",
        "i12 | a number without its 'e'",
        "5:abc | a string of 5 bytes where 3 are left",
        "l4:spam | a list or dictionary without its 'e'",
        "di1e4:spame | a dictionary key that is not a string",
        "d1:ai1e1:ai2ee | the key 'a' twice",
        "i1ei2e | bytes after the value",
        "x | 'x' where a value starts",
        "i99999999999999999999e | a number that is not one",
    })
    void malformedInputIsRefusedSayingWhatAndWhere(String input, String why) {
        assertThatThrownBy(() -> Bencode.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Bencode.MalformedException.class).hasMessageContaining(why).hasMessageContaining(" at byte ");
    }

    @Test
    void nestingIsBounded() {
        String deep = "l".repeat(Bencode.MAX_DEPTH + 2) + "e".repeat(Bencode.MAX_DEPTH + 2);

        assertThatThrownBy(() -> Bencode.decode(deep.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Bencode.MalformedException.class).hasMessageContaining("inside each other");
    }
}
