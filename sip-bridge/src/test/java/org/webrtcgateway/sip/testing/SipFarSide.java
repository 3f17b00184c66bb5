package org.webrtcgateway.sip.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webrtcgateway.testing.contract.FarCall;
import org.webrtcgateway.testing.contract.FarSide;

/**
 * The bridge contract's far side in SIP: a phone behind Kamailio, played by a {@link SipAgent} that the
 * test drives step by step (sipp runs fixed scenarios). Before each test it removes every contact its
 * number had at Kamailio (so no call forks to a dead phone of an earlier test) and registers its own;
 * after it, it stops. It reaches gateway users by the SIP accounts they have ({@link #reaching}).
 * <pre>
 * &#64;RegisterExtension
 * final SipFarSide phone = new SipFarSide(kamailio, "1002", "pw1002").reaching("alice", "1001");
 * </pre>
 */
public final class SipFarSide implements FarSide, BeforeEachCallback, AfterEachCallback {

    private static final int REGISTRATION_SECONDS = 600;

    private final KamailioExtension kamailio;
    private final String number;
    private final String password;
    private final Map<String, String> accountsOfUsers = new HashMap<>();
    private final Map<String, SipFarCall> calls = new ConcurrentHashMap<>();
    private final BlockingQueue<SipFarCall> callsFromTheGateway = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private SipAgent agent;

    public SipFarSide(KamailioExtension kamailio, String number, String password) {
        this.kamailio = kamailio;
        this.number = number;
        this.password = password;
    }

    /** Gateway user {@code user} has the SIP account {@code number} at Kamailio: calls and messages for the user go there. */
    public SipFarSide reaching(String user, String number) {
        accountsOfUsers.put(user, "sip:" + number + "@" + KamailioExtension.DOMAIN);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        agent = SipAgent.start(number, password, kamailio.hostPort(), this::onRequest);
        agent.send(agent.newRegister(agent.everyContact(), 0)).awaitSuccess();
        agent.send(agent.newRegister(agent.contact(), REGISTRATION_SECONDS)).awaitSuccess();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // The contact stays at Kamailio until the next test's phone removes it.
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    // ------------------------------------------------------------------ FarSide

    @Override
    public String address() {
        return agent.aor();
    }

    @Override
    public FarCall nextCall() {
        return SipAgent.take(callsFromTheGateway, "INVITE from the gateway at " + address());
    }

    /** Returns once the gateway rang the user's browser (180): the gateway took the call. */
    @Override
    public FarCall call(String user, String offerSdp) {
        Request invite = agent.newRequest(Request.INVITE, accountOf(user));
        agent.setBody(invite, "application", "sdp", offerSdp);
        SipAgent.Sent sent = agent.send(invite);
        SipFarCall call = SipFarCall.calling(agent, callIdOf(invite), sent, offerSdp);
        calls.put(call.sipCallId(), call);
        sent.await("180 Ringing from the gateway", response -> response.getStatusCode() >= Response.RINGING);
        return call;
    }

    @Override
    public void message(String user, String text) {
        Request message = agent.newRequest(Request.MESSAGE, accountOf(user));
        agent.setBody(message, "text", "plain", text);
        agent.send(message).awaitSuccess();
    }

    @Override
    public String nextMessage() {
        return SipAgent.take(messages, "MESSAGE at " + address());
    }

    private String accountOf(String user) {
        String account = accountsOfUsers.get(user);
        if (account == null) {
            throw new IllegalArgumentException("no SIP account known for gateway user " + user + "; see reaching()");
        }
        return account;
    }

    // ------------------------------------------------------------------ from SIP (JAIN-SIP's thread)

    private void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            SipFarCall call = calls.get(callIdOf(request));
            if (call != null) {
                call.acked();
            }
            return;
        }
        ServerTransaction transaction = agent.serverTransaction(event);
        switch (method) {
            case Request.INVITE -> onInvite(request, transaction);
            case Request.BYE, Request.CANCEL -> {
                SipFarCall call = calls.get(callIdOf(request));
                agent.respond(transaction, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null, null);
                if (call != null && method.equals(Request.BYE)) {
                    call.ended();
                } else if (call != null) {
                    call.cancelled();
                }
            }
            case Request.MESSAGE -> {
                agent.respond(transaction, Response.OK, null, null);
                messages.add(String.valueOf(SipAgent.body(request)));
            }
            // an in-dialog OPTIONS is the bridge's keep-alive; anything else is acknowledged and ignored
            default -> agent.respond(transaction, Response.OK, null, null);
        }
    }

    private void onInvite(Request request, ServerTransaction transaction) {
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // re-INVITEs are not part of the contract
            agent.respond(transaction, Response.NOT_ACCEPTABLE_HERE, null, null);
            return;
        }
        agent.respond(transaction, Response.TRYING, null, null);
        SipFarCall call = SipFarCall.answering(agent, callIdOf(request), transaction);
        calls.put(call.sipCallId(), call);
        callsFromTheGateway.add(call);
    }

    private static String callIdOf(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
