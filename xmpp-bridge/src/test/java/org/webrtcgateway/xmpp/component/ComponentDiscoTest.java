package org.webrtcgateway.xmpp.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.Smack;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.webrtcgateway.xmpp.caps.GatewayFeatures;

/** What the component answers for its users' JIDs, and the XEP-0115 hash of it that goes into their presence. */
class ComponentDiscoTest {

    private final ComponentDisco disco = new ComponentDisco(true);

    @BeforeAll
    static void smackIsInitialized() {
        Smack.ensureInitialized(); // its Base64 encoder, which the verifier uses, comes with the initialization
    }

    @Test
    void theCapsHashIsTheOneSmacksVerifierComputesFromTheAnswer() {
        DiscoverInfo answer = (DiscoverInfo) disco.answer(request(null));

        assertThat(disco.caps().getHash()).isEqualTo("sha-1");
        assertThat(disco.caps().getNode()).isEqualTo(GatewayFeatures.CAPS_NODE);
        assertThat(EntityCapsManager.verifyDiscoverInfoVersion(disco.caps().getVer(), "sha-1", answer)).isTrue();
    }

    @Test
    void theAnswerHasTheGatewaysIdentityAndFeaturesWithDiscoAndCapsThemselves() {
        DiscoverInfo answer = (DiscoverInfo) disco.answer(request(null));

        assertThat(answer.getType()).isEqualTo(IQ.Type.result);
        assertThat(answer.getTo().toString()).isEqualTo("bob@localhost/pc");
        assertThat(answer.getFrom().toString()).isEqualTo("alice@gw.localhost/gateway");
        assertThat(answer.getIdentities()).containsExactly(GatewayFeatures.IDENTITY);
        assertThat(answer.getFeatures()).extracting(DiscoverInfo.Feature::getVar).containsAll(GatewayFeatures.announced(true))
                .contains(DiscoverInfo.NAMESPACE, "http://jabber.org/protocol/caps");
    }

    @Test
    void theCapsNodeIsAnsweredAsTheJidIsAndEchoed() {
        String node = GatewayFeatures.CAPS_NODE + "#" + disco.caps().getVer();

        DiscoverInfo answer = (DiscoverInfo) disco.answer(request(node));

        assertThat(answer.getNode()).isEqualTo(node);
        assertThat(answer.getFeatures()).hasSameSizeAs(disco.features());
    }

    @Test
    void anotherNodeIsItemNotFound() {
        IQ answer = disco.answer(request(GatewayFeatures.CAPS_NODE + "#not-our-version"));

        assertThat(answer.getType()).isEqualTo(IQ.Type.error);
        assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void theDomainItselfIsAComponentNotAUser() throws Exception {
        DiscoverInfo request = DiscoverInfo.builder("q2").ofType(IQ.Type.get).from(JidCreate.from("bob@localhost/pc"))
                .to(JidCreate.from("gw.localhost")).build();

        DiscoverInfo answer = (DiscoverInfo) disco.answerForDomain(request);

        assertThat(answer.getIdentities()).singleElement().satisfies(identity -> assertThat(identity.getCategory()).isEqualTo("component"));
        assertThat(answer.getFeatures()).extracting(DiscoverInfo.Feature::getVar).containsExactly(DiscoverInfo.NAMESPACE);
    }

    @Test
    void jingleMessageInitiationIsAnnouncedOnlyWhenItIsUsed() {
        assertThat(new ComponentDisco(false).features()).doesNotContain(GatewayFeatures.JINGLE_MESSAGE);
        assertThat(new ComponentDisco(false).caps().getVer()).isNotEqualTo(disco.caps().getVer());
    }

    private static DiscoverInfo request(String node) {
        try {
            return DiscoverInfo.builder("q1").ofType(IQ.Type.get).from(JidCreate.from("bob@localhost/pc"))
                    .to(JidCreate.from("alice@gw.localhost/gateway")).setNode(node).build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
