package org.webrtcgateway.xmpp.call;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.CallCorrelation;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;
import org.webrtcgateway.xmpp.jingle.jmi.element.StoreHint;
import org.webrtcgateway.xmpp.link.XmppAddresses;
import org.webrtcgateway.xmpp.link.XmppEndpoint;

/**
 * XEP-0353 messages from peers: a propose rings the gateway user (the gateway proceeds at once for a user who is
 * logged in, and the session-initiate that follows brings the browser its offer); ringing, proceed and reject answer
 * a propose of ours; a retract withdraws the peer's. The bridge's thread only.
 */
final class IncomingJingleMessages {

    private static final Logger log = LoggerFactory.getLogger(IncomingJingleMessages.class);

    private final XmppCalls service;
    private final JingleCalls registry;

    IncomingJingleMessages(XmppCalls service, JingleCalls registry) {
        this.service = service;
        this.registry = registry;
    }

    void received(XmppEndpoint at, Message message, JingleMessage jmi) {
        Jid from = message.getFrom();
        if (from == null || !from.isEntityFullJid() || at.jid() == null) {
            return;
        }
        FullJid sender = from.asFullJidIfPossible();
        if (sender.asBareJid().equals(at.jid().asBareJid())) {
            return; // the account's own other devices telling each other; nothing for the browser
        }
        EntityBareJid peer = from.asEntityBareJidIfPossible();
        JingleCall call = registry.bySid(at.user(), peer, jmi.getId());
        try (CallCorrelation.Scope scope = CallCorrelation.open(call == null ? null : call.correlationId)) {
            received(at, sender, peer, jmi, call);
        }
    }

    private void received(XmppEndpoint at, FullJid sender, EntityBareJid peer, JingleMessage jmi, JingleCall call) {
        switch (jmi.getAction()) {
            case propose -> proposed(at, sender, peer, jmi, call);
            case ringing -> {
                if (call != null && call.state == JingleCall.State.PROPOSED) {
                    service.ringingToBrowser(call);
                }
            }
            case proceed -> {
                if (call != null && call.state == JingleCall.State.PROPOSED) {
                    call.peerJid = sender;
                    call.state = JingleCall.State.PENDING;
                    service.initiate(call);
                }
            }
            case reject -> {
                if (call != null && call.state == JingleCall.State.PROPOSED) {
                    service.byeToBrowser(call.user(), call.peer, call.callId, XmppCalls.reasonOr(jmi.getReason(), "decline"));
                    service.end(call);
                }
            }
            case retract -> {
                if (call != null && !call.weInitiate) {
                    if (call.state == JingleCall.State.PENDING) {
                        service.byeToBrowser(call.user(), call.peer, call.callId, XmppCalls.reasonOr(jmi.getReason(), "cancel"));
                    }
                    service.end(call);
                }
            }
            default -> { } // accept and finish: for the caller's other devices and call logs
        }
    }

    private void proposed(XmppEndpoint at, FullJid caller, EntityBareJid peer, JingleMessage jmi, JingleCall existing) {
        if (existing != null || !service.settings.jingleMessage()) {
            return;
        }
        if (!service.gateway.isOnline(at.user())) {
            return; // the user's other devices may take it; the gateway does not ring nobody
        }
        if (registry.of(at.user()).stream().filter(c -> c.state == JingleCall.State.PROCEEDED).count() >= service.settings.maxWaitingProposals()) {
            // A flood of proposes (each a distinct id) must not grow the calls waiting for a session-initiate.
            log.info("{}: {} proposals wait for their session-initiate already; one from {} is refused busy", at.user(),
                    service.settings.maxWaitingProposals(), caller);
            XmppCalls.sendQuietly(at, at.stanzaFactory().buildMessageStanza().to(caller).ofType(Message.Type.chat)
                    .addExtension(JingleMessage.of(JingleMessage.Action.reject, jmi.getId()).withReason(JingleReason.Busy))
                    .addExtension(StoreHint.INSTANCE).build());
            return;
        }
        Optional<Address.External> address = XmppAddresses.of(peer);
        if (address.isEmpty()) {
            return;
        }
        // The browser needs an SDP offer to ring, which only the session-initiate brings: proceed at once, and
        // let the browser's answer or decline be the user's choice.
        JingleCall call = new JingleCall(at, CallIds.incomingCallId(), jmi.getId(), address.get(), peer, false, true,
                CallIds.sdpSessionId(), JingleCall.State.PROCEEDED);
        call.peerJid = caller;
        registry.add(call);
        call.timer = service.thread.schedule(() -> {
            if (call.state == JingleCall.State.PROCEEDED) {
                log.info("{}: no session-initiate {} s after proceed; forgotten", call, service.settings.setupTimeout().toSeconds());
                service.end(call);
            }
        }, service.settings.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        service.send(call, XmppCalls.jingleMessage(call, caller, JingleMessage.of(JingleMessage.Action.ringing, call.sid)));
        service.send(call, XmppCalls.jingleMessage(call, caller, JingleMessage.of(JingleMessage.Action.proceed, call.sid)));
    }
}
