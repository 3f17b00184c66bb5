package org.webrtcgateway.sip.media;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.sip.rtpengine.NgClient;

/**
 * A call whose media rtpengine relays: each offer and answer is rewritten by an {@code offer} or {@code answer}
 * command, and {@link #end} deletes the session. The first offer goes to the first instance that is up, or the next
 * when it does not answer; after that the call stays on its instance (rtpengine keeps the session there). The two
 * sides are the monologues {@value #BROWSER} and {@value #SIP} of the call, whichever side offers. Commands are sent
 * from the bridge thread; their replies complete on the ng client's thread.
 */
final class RelayedLeg implements MediaLeg {

    private static final Logger log = LoggerFactory.getLogger(RelayedLeg.class);
    static final String BROWSER = "browser";
    static final String SIP = "sip";

    private final MediaRelays relays;
    private final String callId;
    private volatile RtpengineInstance instance;
    /** Both monologues exist (an offer was answered): later offers name the other side's tag. */
    private volatile boolean answered;
    private boolean ended;
    /** The last command sent: a delete waits for it, so a session that an offer in flight creates is deleted too. */
    private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);

    RelayedLeg(MediaRelays relays, String callId) {
        this.relays = relays;
        this.callId = callId;
    }

    String callId() {
        return callId;
    }

    @Override
    public CompletableFuture<String> offerToSip(String browserSdp) {
        return offer(BROWSER, SIP, browserSdp, RelayFlags.TOWARD_SIP_OFFER);
    }

    @Override
    public CompletableFuture<String> answerToBrowser(String sipSdp) {
        return answer(BROWSER, SIP, sipSdp, RelayFlags.TOWARD_BROWSER_ANSWER);
    }

    @Override
    public CompletableFuture<String> offerToBrowser(String sipSdp) {
        return offer(SIP, BROWSER, sipSdp, RelayFlags.TOWARD_BROWSER_OFFER);
    }

    @Override
    public CompletableFuture<String> answerToSip(String browserSdp) {
        return answer(SIP, BROWSER, browserSdp, RelayFlags.TOWARD_SIP_ANSWER);
    }

    @Override
    public boolean relayed() {
        return true;
    }

    private CompletableFuture<String> offer(String fromTag, String toTag, String sdp, Map<String, Object> flags) {
        Map<String, Object> command = command("offer", fromTag, answered ? toTag : null, sdp, flags);
        CompletableFuture<Map<String, Object>> reply = instance != null ? send(instance, command)
                : firstOffer(command, relays.instancesUp());
        inFlight = reply;
        return sdpOf(reply);
    }

    private CompletableFuture<String> answer(String offererTag, String answererTag, String sdp, Map<String, Object> flags) {
        RtpengineInstance on = instance;
        if (on == null) {
            return CompletableFuture.failedFuture(new MediaFailure(MediaFailure.NOT_ACCEPTABLE, "an answer before any offer"));
        }
        CompletableFuture<Map<String, Object>> reply = send(on, command("answer", offererTag, answererTag, sdp, flags));
        inFlight = reply;
        return sdpOf(reply).thenApply(rewritten -> {
            answered = true;
            return rewritten;
        });
    }

    /** The call's first command: to the first instance up, then to the next while they time out. */
    private CompletableFuture<Map<String, Object>> firstOffer(Map<String, Object> command, List<RtpengineInstance> candidates) {
        if (candidates.isEmpty()) {
            return CompletableFuture.failedFuture(new MediaFailure(MediaFailure.UNREACHABLE,
                    relays.problem().orElse("no rtpengine is up")));
        }
        RtpengineInstance first = candidates.get(0);
        return first.send(command).handle((reply, error) -> {
            if (error == null) {
                instance = first;
                return CompletableFuture.completedFuture(reply);
            }
            if (unwrap(error) instanceof NgClient.NgError refused) {
                instance = first; // it answered: the session, if any, is there
                return CompletableFuture.<Map<String, Object>>failedFuture(refusal(refused));
            }
            log.info("{} did not take call {}: {}; trying the next", first, callId, unwrap(error).toString());
            return firstOffer(command, candidates.subList(1, candidates.size()));
        }).thenCompose(future -> future);
    }

    private static CompletableFuture<Map<String, Object>> send(RtpengineInstance on, Map<String, Object> command) {
        return on.send(command).handle((reply, error) -> {
            if (error == null) {
                return reply;
            }
            Throwable cause = unwrap(error);
            throw new CompletionException(cause instanceof NgClient.NgError refused ? refusal(refused)
                    : new MediaFailure(MediaFailure.UNREACHABLE, on + ": " + cause.getMessage()));
        });
    }

    private static MediaFailure refusal(NgClient.NgError refused) {
        return new MediaFailure(MediaFailure.NOT_ACCEPTABLE, "rtpengine refused the SDP: " + refused.getMessage());
    }

    private static CompletableFuture<String> sdpOf(CompletableFuture<Map<String, Object>> reply) {
        return reply.thenApply(dictionary -> {
            if (!(dictionary.get("sdp") instanceof String sdp)) {
                throw new CompletionException(new MediaFailure(MediaFailure.NOT_ACCEPTABLE, "rtpengine's reply has no SDP"));
            }
            return sdp;
        });
    }

    private Map<String, Object> command(String name, String fromTag, String toTag, String sdp, Map<String, Object> flags) {
        Map<String, Object> command = new HashMap<>(flags);
        command.put("command", name);
        command.put("call-id", callId);
        command.put("from-tag", fromTag);
        if (toTag != null) {
            command.put("to-tag", toTag);
        }
        command.put("sdp", sdp);
        return command;
    }

    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        relays.deleting(inFlight.handle((reply, error) -> instance).thenCompose(on -> on == null
                ? CompletableFuture.completedFuture(null)
                // no delete-delay: the gateway knows the call is over, and a late packet has nowhere to go
                : on.send(Map.of("command", "delete", "call-id", callId, "delete-delay", 0L))));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public String toString() {
        return "relayed " + callId + (instance == null ? "" : " on " + instance);
    }
}
