package org.webrtcgateway.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

class PreemptiveDigestTest {

    private static final String AOR = "sip:1001@pbx.example.org";

    private final SipFactory factory = SipFactory.getInstance();
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MessageFactory messages;
    private final AtomicLong now = new AtomicLong();
    private final PreemptiveDigest digest;

    PreemptiveDigestTest() throws Exception {
        factory.setPathName("gov.nist");
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        messages = factory.createMessageFactory();
        digest = new PreemptiveDigest(headers, now::get);
    }

    @Test
    void md5IsTheRfc1321Digest() {
        assertThat(PreemptiveDigest.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(PreemptiveDigest.md5("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void withoutAChallengeARequestGoesWithoutCredentials() throws Exception {
        Request invite = invite();
        digest.apply(AOR, "1001", "pw", invite);
        assertThat(invite.getHeader(ProxyAuthorizationHeader.NAME)).isNull();
    }

    @Test
    void aProxyChallengeWithoutQopIsAnsweredPerRfc2617() throws Exception {
        digest.remember(AOR, challenge(null, null));
        Request invite = invite();
        digest.apply(AOR, "1001", "pw", invite);

        ProxyAuthorizationHeader auth = (ProxyAuthorizationHeader) invite.getHeader(ProxyAuthorizationHeader.NAME);
        assertThat(auth.getUsername()).isEqualTo("1001");
        assertThat(auth.getRealm()).isEqualTo("pbx.example.org");
        assertThat(auth.getNonce()).isEqualTo("n0nce");
        assertThat(auth.getOpaque()).isEqualTo("op");
        String ha1 = PreemptiveDigest.md5("1001:pbx.example.org:pw");
        String ha2 = PreemptiveDigest.md5("INVITE:sip:1002@pbx.example.org");
        assertThat(auth.getResponse()).isEqualTo(PreemptiveDigest.md5(ha1 + ":n0nce:" + ha2));
    }

    @Test
    void withQopAuthEachRequestCountsTheNonceAndHasItsOwnCnonce() throws Exception {
        digest.remember(AOR, challenge("auth,auth-int", null));
        List<AuthorizationHeader> sent = List.of(applied(), applied());

        assertThat(sent).extracting(AuthorizationHeader::getNonceCount).containsExactly(1, 2);
        assertThat(sent.get(0).getCNonce()).isNotEqualTo(sent.get(1).getCNonce());
        AuthorizationHeader second = sent.get(1);
        String ha1 = PreemptiveDigest.md5("1001:pbx.example.org:pw");
        String ha2 = PreemptiveDigest.md5("INVITE:sip:1002@pbx.example.org");
        assertThat(second.getQop()).isEqualTo("auth");
        assertThat(second.getResponse()).isEqualTo(
                PreemptiveDigest.md5(ha1 + ":n0nce:00000002:" + second.getCNonce() + ":auth:" + ha2));
    }

    @Test
    void aChallengeOlderThanItsLifetimeIsNotUsed() throws Exception {
        digest.remember(AOR, challenge(null, null));
        now.addAndGet(PreemptiveDigest.LIFETIME.toNanos() + 1);
        Request invite = invite();
        digest.apply(AOR, "1001", "pw", invite);
        assertThat(invite.getHeader(ProxyAuthorizationHeader.NAME)).isNull();
    }

    @Test
    void challengesItCannotAnswerAreNotKept() throws Exception {
        digest.remember(AOR, challenge(null, "SHA-256"));
        Request sha = invite();
        digest.apply(AOR, "1001", "pw", sha);
        digest.remember(AOR, challenge("auth-int", null));
        Request authInt = invite();
        digest.apply(AOR, "1001", "pw", authInt);

        assertThat(sha.getHeader(ProxyAuthorizationHeader.NAME)).isNull();
        assertThat(authInt.getHeader(ProxyAuthorizationHeader.NAME)).isNull();
    }

    @Test
    void aForgottenChallengeIsNotUsed() throws Exception {
        digest.remember(AOR, challenge(null, null));
        digest.forget(AOR);
        Request invite = invite();
        digest.apply(AOR, "1001", "pw", invite);
        assertThat(invite.getHeader(ProxyAuthorizationHeader.NAME)).isNull();
    }

    private AuthorizationHeader applied() throws Exception {
        Request invite = invite();
        digest.apply(AOR, "1001", "pw", invite);
        return (AuthorizationHeader) invite.getHeader(ProxyAuthorizationHeader.NAME);
    }

    private WWWAuthenticateHeader challenge(String qop, String algorithm) throws Exception {
        ProxyAuthenticateHeader challenge = headers.createProxyAuthenticateHeader("Digest");
        challenge.setRealm("pbx.example.org");
        challenge.setNonce("n0nce");
        challenge.setOpaque("op");
        if (qop != null) {
            challenge.setQop(qop);
        }
        if (algorithm != null) {
            challenge.setAlgorithm(algorithm);
        }
        return challenge;
    }

    private Request invite() throws Exception {
        URI target = addresses.createURI("sip:1002@pbx.example.org");
        FromHeader from = headers.createFromHeader(addresses.createAddress(AOR), "tag");
        ToHeader to = headers.createToHeader(addresses.createAddress(target), null);
        CallIdHeader callId = headers.createCallIdHeader("call-1");
        CSeqHeader cseq = headers.createCSeqHeader(1L, Request.INVITE);
        MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
        return messages.createRequest(target, Request.INVITE, callId, cseq, from, to,
                List.of(headers.createViaHeader("127.0.0.1", 5060, "udp", "z9hG4bK1")), maxForwards);
    }
}
