package org.webrtcgateway.xmpp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smackx.jingle.element.JingleContent.Senders;
import org.junit.jupiter.api.Test;

/** SDP directions are the writer's view, XEP-0167's senders name the party. */
class SdpRoleTest {

    @Test
    void directionsOfTheOfferAndOfTheAnswer() {
        assertThat(SdpRole.INITIATOR.senders("sendonly")).isEqualTo(Senders.initiator);
        assertThat(SdpRole.INITIATOR.senders("recvonly")).isEqualTo(Senders.responder);
        assertThat(SdpRole.RESPONDER.senders("sendonly")).isEqualTo(Senders.responder);
        assertThat(SdpRole.RESPONDER.senders("recvonly")).isEqualTo(Senders.initiator);
        assertThat(SdpRole.RESPONDER.senders("inactive")).isEqualTo(Senders.none);
        assertThat(SdpRole.INITIATOR.senders(null)).isEqualTo(Senders.both);
        for (SdpRole role : SdpRole.values()) {
            for (String direction : new String[] {"sendrecv", "sendonly", "recvonly", "inactive"}) {
                assertThat(role.direction(role.senders(direction))).isEqualTo(direction);
            }
        }
    }
}
