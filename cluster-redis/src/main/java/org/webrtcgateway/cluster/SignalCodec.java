package org.webrtcgateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.core.api.JsonString;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.RawJson;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.api.Signal;

/**
 * A {@link Signal} as one JSON text between nodes, and back. The SDP and message data travel as the JSON they came
 * in (already checked by the node the client is on), so a signal arrives exactly as it was sent.
 */
final class SignalCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalCodec() {
    }

    static String encode(Signal signal) {
        ObjectNode node = JSON.createObjectNode();
        writeAddress(node, signal.from());
        if (signal instanceof Signal.Offer offer) {
            node.put("t", "offer").put("call", offer.call()).put("body", offer.body().json().json());
        } else if (signal instanceof Signal.Answer answer) {
            node.put("t", "answer").put("call", answer.call()).put("body", answer.body().json().json());
        } else if (signal instanceof Signal.Candidate candidate) {
            node.put("t", "candidate").put("call", candidate.call());
            IceCandidate c = candidate.candidate();
            if (c != null) {
                node.put("candidate", c.candidate()).put("mid", c.sdpMid()).put("ufrag", c.usernameFragment());
                if (c.sdpMLineIndex() != null) {
                    node.put("index", c.sdpMLineIndex());
                }
            }
        } else if (signal instanceof Signal.Ringing ringing) {
            node.put("t", "ringing").put("call", ringing.call());
        } else if (signal instanceof Signal.Bye bye) {
            node.put("t", "bye").put("call", bye.call()).put("reason", bye.reason());
        } else if (signal instanceof Signal.Dtmf dtmf) {
            node.put("t", "dtmf").put("call", dtmf.call()).put("tones", dtmf.tones()).put("duration", dtmf.duration());
        } else if (signal instanceof Signal.Transfer transfer) {
            node.put("t", "transfer").put("call", transfer.call());
            writeAddress(node.putObject("to"), transfer.to());
        } else if (signal instanceof Signal.TransferResult result) {
            node.put("t", "transfer-result").put("call", result.call());
            if (result.result() instanceof RouteResult.Rejected rejected) {
                node.put("code", rejected.code().name()).put("message", rejected.message());
            }
        } else if (signal instanceof Signal.Mailbox mailbox) {
            node.put("t", "mailbox").put("new", mailbox.newMessages()).put("old", mailbox.oldMessages());
        } else if (signal instanceof Signal.Text text) {
            node.put("t", "text").put("room", text.room()).put("data", text.data().json());
        } else if (signal instanceof Signal.Presence presence) {
            node.put("t", "presence").put("status", presence.status().wireName()).put("note", presence.note());
        } else if (signal instanceof Signal.Subscription subscription) {
            node.put("t", "subscription").put("follow", subscription.follow());
        } else if (signal instanceof Signal.PeerJoined joined) {
            node.put("t", "peer-joined").put("room", joined.room());
        } else if (signal instanceof Signal.PeerLeft left) {
            node.put("t", "peer-left").put("room", left.room());
        } else {
            throw new IllegalArgumentException("no encoding for " + signal.getClass().getSimpleName());
        }
        return node.toString();
    }

    /** @throws IllegalArgumentException when {@code text} is not a signal this codec wrote */
    static Signal decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        Address from = readAddress(node);
        String call = text(node, "call");
        return switch (text(node, "t")) {
            case "offer" -> new Signal.Offer(from, call, JsonString.ofJson(text(node, "body")));
            case "answer" -> new Signal.Answer(from, call, JsonString.ofJson(text(node, "body")));
            case "candidate" -> new Signal.Candidate(from, call, node.has("candidate")
                    ? new IceCandidate(text(node, "candidate"), text(node, "mid"),
                            node.hasNonNull("index") ? node.get("index").asInt() : null, text(node, "ufrag"))
                    : null);
            case "ringing" -> new Signal.Ringing(from, call);
            case "bye" -> new Signal.Bye(from, call, text(node, "reason"));
            case "dtmf" -> new Signal.Dtmf(from, call, text(node, "tones"), node.path("duration").asInt());
            case "transfer" -> new Signal.Transfer(from, call, readAddress(node.path("to")));
            case "transfer-result" -> new Signal.TransferResult(from, call, node.has("code")
                    ? RouteResult.rejected(ErrorCode.valueOf(text(node, "code")), text(node, "message"))
                    : RouteResult.accepted());
            case "mailbox" -> new Signal.Mailbox(from, node.path("new").asInt(), node.path("old").asInt());
            case "text" -> new Signal.Text(from, text(node, "room"), new RawJson(text(node, "data")));
            case "presence" -> new Signal.Presence(from, PresenceStatus.fromWireName(text(node, "status"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown status")), text(node, "note"));
            case "subscription" -> new Signal.Subscription(from, node.path("follow").asBoolean());
            case "peer-joined" -> new Signal.PeerJoined(from, text(node, "room"));
            case "peer-left" -> new Signal.PeerLeft(from, text(node, "room"));
            default -> throw new IllegalArgumentException("unknown signal type " + text(node, "t"));
        };
    }

    /** A local name as {@code n}, an external address as its scheme {@code s} and canonical form {@code u}. */
    private static void writeAddress(ObjectNode node, Address address) {
        if (address instanceof Address.Local local) {
            node.put("n", local.name());
        } else {
            Address.External external = (Address.External) address;
            node.put("s", external.scheme()).put("u", external.uri());
        }
    }

    private static Address readAddress(JsonNode node) {
        return node.has("n") ? new Address.Local(text(node, "n")) : new Address.External(text(node, "s"), text(node, "u"));
    }

    static Address address(String encoded) {
        try {
            return readAddress(JSON.readTree(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String address(Address address) {
        ObjectNode node = JSON.createObjectNode();
        writeAddress(node, address);
        return node.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
