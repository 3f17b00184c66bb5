package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0114's handshake: what the server compares with its own SHA-1 of the stream id and the secret. */
class ComponentHandshakeTest {

    @Test
    void theDigestIsTheLowercaseHexSha1OfTheStreamIdFollowedByTheSecret() {
        // python3 -c "import hashlib; print(hashlib.sha1(b'3BF96D32secret').hexdigest())"
        assertThat(ComponentHandshake.digest("3BF96D32", "secret")).isEqualTo("b09ea9b3b7f586be8a08d0a3dd7466f110aeb136");
    }

    @Test
    void aSecretBeyondAsciiIsHashedAsUtf8() {
        assertThat(ComponentHandshake.digest("abc-123", "s\u00e9cr\u00e8t")).isEqualTo("a97ed0efac74428e41ec8d16b91898b1178a827a");
    }

    @Test
    void theHandshakeElementCarriesTheDigestAndNeverTheSecret() {
        String handshake = ComponentHandshake.handshake("3BF96D32", "secret");

        assertThat(handshake).isEqualTo("<handshake>b09ea9b3b7f586be8a08d0a3dd7466f110aeb136</handshake>");
    }

    @Test
    void theStreamHeaderOpensAComponentStreamToTheDomain() throws Exception {
        String header = ComponentHandshake.streamHeader(JidCreate.domainBareFrom("gw.example.org"));
        // The server's answer, as a reader of our header would see it: the same form, read back by our own reader.
        String echoed = header.replace("to='gw.example.org'", "from='gw.example.org' id='s1'");

        assertThat(header).contains("xmlns='jabber:component:accept'", "to='gw.example.org'");
        assertThat(new ComponentStreamReader(new StringReader(echoed)).readHeader()).isEqualTo("s1");
    }
}
