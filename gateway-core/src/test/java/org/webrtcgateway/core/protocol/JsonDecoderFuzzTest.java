package org.webrtcgateway.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Timeout;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.InertText;
import org.webrtcgateway.core.api.Names;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link JsonDecoder} on any frame a browser could send (coverage-guided: ADR 0018). Seeds: every client message of
 * PROTOCOL.md, an offer with a real Chromium SDP, and the findings kept in {@code JsonDecoderFuzzTestInputs/}.
 */
class JsonDecoderFuzzTest {

    private static final byte[] GUARD = "\"}\"]\\".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final JsonDecoder decoder = new JsonDecoder();

    /**
     * Every frame becomes a request or the error that answers it, never an exception; the frame decodes the same
     * wherever it sits in the buffer the frontend hands over (the raw values are sliced out of it); and a request
     * holds only what the protocol allows, so that what reaches a bridge, a header or a log line is of its form.
     */
    @FuzzTest
    @Timeout(10)
    void everyFrameIsARequestOfItsFormOrAnError(byte[] frame) {
        Inbound inbound = decoder.decode(frame, 0, frame.length);

        assertThat(decoder.decode(inBuffer(frame), GUARD.length, frame.length)).as("at an offset").isEqualTo(inbound);
        if (inbound instanceof Inbound.Malformed malformed) {
            assertThat(malformed.message()).isNotBlank();
            return;
        }
        Inbound.Request request = (Inbound.Request) inbound;
        if (request.id() != null) {
            assertThat(request.id().json()).hasSizeLessThanOrEqualTo(RequestId.MAX_LENGTH);
        }
        holdsOnlyWhatTheProtocolAllows(request.message());
    }

    /** The frame between bytes that would change its meaning if the decoder read past either end. */
    private static byte[] inBuffer(byte[] frame) {
        byte[] buffer = new byte[GUARD.length + frame.length + GUARD.length];
        System.arraycopy(GUARD, 0, buffer, 0, GUARD.length);
        System.arraycopy(frame, 0, buffer, GUARD.length, frame.length);
        System.arraycopy(GUARD, 0, buffer, GUARD.length + frame.length, GUARD.length);
        return buffer;
    }

    private static void holdsOnlyWhatTheProtocolAllows(ClientMessage message) {
        if (message instanceof ClientMessage.Offer offer) {
            assertThat(offer.to() != null || offer.call() != null).isTrue();
            callId(offer.call());
            address(offer.to());
            assertThat(offer.sdp().text()).isNotNull(); // a bridge unescapes it
        } else if (message instanceof ClientMessage.Answer answer) {
            callId(answer.call());
            address(answer.to());
            assertThat(answer.sdp().text()).isNotNull();
        } else if (message instanceof ClientMessage.Candidate candidate) {
            callId(candidate.call());
            address(candidate.to());
            if (candidate.candidate() != null && candidate.candidate().sdpMLineIndex() != null) {
                assertThat(candidate.candidate().sdpMLineIndex()).isBetween(0, 65535);
            }
        } else if (message instanceof ClientMessage.Ringing ringing) {
            assertThat(Names.isValidCallId(ringing.call())).isTrue();
        } else if (message instanceof ClientMessage.Reject reject) {
            assertThat(Names.isValidCallId(reject.call())).isTrue();
            reason(reject.reason());
        } else if (message instanceof ClientMessage.Bye bye) {
            callId(bye.call());
            address(bye.to());
            reason(bye.reason());
        } else if (message instanceof ClientMessage.Join join) {
            assertThat(Names.isValidRoomName(join.room())).isTrue();
            if (join.capacity() != null) {
                assertThat(join.capacity()).isPositive();
            }
        } else if (message instanceof ClientMessage.Leave leave) {
            assertThat(Names.isValidRoomName(leave.room())).isTrue();
        } else if (message instanceof ClientMessage.Message sent) {
            assertThat(sent.room() == null).isNotEqualTo(sent.to() == null);
            if (sent.room() != null) {
                assertThat(Names.isValidRoomName(sent.room())).isTrue();
            }
            address(sent.to());
            assertThat(sent.data().json()).isNotEmpty();
        } else if (message instanceof ClientMessage.SetPresence presence) {
            assertThat(presence.status()).isNotNull();
            if (presence.note() != null) {
                assertThat(presence.note()).hasSizeLessThanOrEqualTo(JsonDecoder.MAX_NOTE_LENGTH);
            }
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            assertThat(subscribe.to()).isNotNull();
            address(subscribe.to());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            assertThat(unsubscribe.to()).isNotNull();
            address(unsubscribe.to());
        } else if (message instanceof ClientMessage.Dtmf dtmf) {
            assertThat(Names.isValidCallId(dtmf.call())).isTrue();
            assertThat(dtmf.tones()).matches("[0-9A-Da-d*#,]{1,64}");
            if (dtmf.duration() != null) {
                assertThat(dtmf.duration()).isBetween(JsonDecoder.MIN_DTMF_DURATION, JsonDecoder.MAX_DTMF_DURATION);
            }
        } else if (message instanceof ClientMessage.Login login) {
            if (login.token() != null) {
                assertThat(login.token()).hasSizeLessThanOrEqualTo(JsonDecoder.MAX_TOKEN_LENGTH);
            }
        } else {
            assertThat(message).isInstanceOf(ClientMessage.Ping.class);
        }
    }

    private static void callId(String call) {
        if (call != null) {
            assertThat(Names.isValidCallId(call)).as("call id %s", InertText.printable(call)).isTrue();
        }
    }

    /** An address is canonical (it parses to itself) and inert: it is written into SIP headers and log lines. */
    private static void address(Address to) {
        if (to == null) {
            return;
        }
        String text = to.toString();
        assertThat(Address.parse(text)).contains(to);
        assertThat(text.codePoints().allMatch(InertText::isInert)).as("inert: %s", InertText.printable(text)).isTrue();
    }

    /** A reason reaches the other party as it came, and the log line that says how the call ended. */
    private static void reason(String reason) {
        if (reason == null) {
            return;
        }
        assertThat(reason).hasSizeLessThanOrEqualTo(JsonDecoder.MAX_REASON_LENGTH);
        assertThat(reason.codePoints().noneMatch(Character::isISOControl))
                .as("no control character in the reason %s", Arrays.toString(reason.codePoints().toArray())).isTrue();
    }
}
