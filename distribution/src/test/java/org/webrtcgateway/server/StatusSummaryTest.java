package org.webrtcgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webrtcgateway.testing.TestClient;

class StatusSummaryTest {

    @Test
    void oneLinePerUserRoomAndCallUnderTheirCountsWithABridgedLegsProtocolId() {
        String json = """
                {"users":[{"name":"alice","remote":"127.0.0.1:5000","connected":true,"since":"2026-01-01T00:00:00Z",
                           "rooms":["lobby"],"calls":["c1"],"bridges":["sip"]},
                          {"name":"bob","remote":null,"connected":false,"since":"2026-01-01T00:01:00Z",
                           "rooms":[],"calls":[],"bridges":[]}],
                 "rooms":[{"name":"lobby","capacity":8,"members":["alice"]}],
                 "calls":[{"id":"c1","correlation":null,"state":"answered","since":"2026-01-01T00:02:00Z",
                           "caller":{"address":"alice","bridge":null},"callee":{"address":"sip:1002@pbx","bridge":"sip"},
                           "legs":[{"kind":"browser","user":"alice","call":"c1","protocolId":null,"state":"answered"},
                                   {"kind":"sip","user":"alice","call":"c1","protocolId":"abc@h","state":"established"}]}]}
                """;

        assertThat(StatusSummary.of(TestClient.parse(json))).isEqualTo("""
                users: 2
                  alice  127.0.0.1:5000  since 2026-01-01T00:00:00Z  rooms: lobby  calls: c1  bridges: sip
                  bob  (dropped, may resume)  since 2026-01-01T00:01:00Z
                rooms: 1
                  lobby  1 of 8: alice
                calls: 1
                  c1  alice -> sip:1002@pbx  answered  since 2026-01-01T00:02:00Z  sip abc@h (established)
                """);
    }

    @Test
    void anIdleGatewayIsThreeZeroCounts() {
        assertThat(StatusSummary.of(TestClient.parse("{\"users\":[],\"rooms\":[],\"calls\":[]}")))
                .isEqualTo("users: 0\nrooms: 0\ncalls: 0\n");
    }
}
