package org.webrtcgateway.testing;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client that resumes a dropped session and reads what was queued for it, the way a client library
 * that reconnects by itself does: when the server closes the connection under it, it resumes again,
 * until it has every message, or the session is refused (it has ended), or the server goes quiet with
 * messages still missing, or {@code MAX_RESUMES}. The messages' {@code data} must start with their
 * number ({@code "17:..."}), so that the transcript shows whether any went missing or out of order.
 */
public final class BacklogReader {

    private static final int MAX_RESUMES = 5;
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;

    /**
     * What the reader saw: the numbers of the messages in the order they came, what happened on each
     * connection, and whether it ended clearly: the last connection closed with a close frame that gives
     * a reason, after which the session could not be resumed (an end a client can show its user).
     */
    public record Transcript(int expected, List<Integer> numbers, List<String> events, boolean endedClearly) {

        /** True when the numbers are 0, 1, 2, ... with nothing skipped, repeated or out of order (the tail may be missing). */
        public boolean inOrderWithoutGaps() {
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i) {
                    return false;
                }
            }
            return true;
        }

        public boolean complete() {
            return numbers.size() == expected && inOrderWithoutGaps();
        }

        /** Where the order first breaks ("after 63 came 70"), or what is missing at the end, or "none". */
        public String firstGap() {
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i) {
                    return i == 0 ? "the first message was " + numbers.get(0) : "after " + numbers.get(i - 1) + " came " + numbers.get(i);
                }
            }
            if (numbers.size() < expected) {
                return numbers.size() + ".." + (expected - 1) + " never came";
            }
            return "none";
        }

        @Override
        public String toString() {
            return numbers.size() + " of " + expected + " messages, gap: " + firstGap() + "; " + String.join("; ", events)
                    + (endedClearly ? "; the session ended clearly" : "");
        }
    }

    private BacklogReader() {
    }

    /**
     * Resumes the session of {@code token} and reads until {@code expected} messages came or it can go
     * no further. A small {@code receiveBuffer} (SO_RCVBUF) makes the reader a client on a slow network:
     * the backlog cannot vanish into the kernel's socket buffers, the server has to pace it.
     */
    public static Transcript resumeAndRead(int port, String firstToken, int expected, int receiveBuffer) {
        String token = firstToken;
        List<Integer> numbers = new ArrayList<>();
        List<String> events = new ArrayList<>();
        boolean closedWithReason = false;
        for (int resume = 1; resume <= MAX_RESUMES && numbers.size() < expected; resume++) {
            int before = numbers.size();
            String prefix = "resume " + resume + ": ";
            try (RawWebSocket socket = RawWebSocket.connect(port, receiveBuffer)) {
                socket.sendText(TestClient.json("type", "login", "resume", token));
                RawWebSocket.Frame reply = socket.readUntil(TEXT);
                JsonNode ok = reply == null ? null : TestClient.parse(reply.text());
                if (ok == null || !ok.path("type").asText().equals("ok")) {
                    events.add(prefix + "refused: " + (reply == null ? "connection closed" : reply.text()));
                    return new Transcript(expected, numbers, events, closedWithReason);
                }
                token = ok.path("session").asText(); // each resume spends its token and hands out the next
                closedWithReason = false;
                String close = null;
                RawWebSocket.Frame frame;
                while (numbers.size() < expected && (frame = socket.readFrame()) != null) {
                    if (frame.opcode() == CLOSE) {
                        close = describeClose(frame);
                        closedWithReason = frame.payload().length > 2;
                        break;
                    }
                    if (frame.opcode() == TEXT) {
                        JsonNode message = TestClient.parse(frame.text());
                        if (message.path("type").asText().equals("message")) {
                            numbers.add(Integer.parseInt(message.path("data").asText().split(":", 2)[0]));
                        }
                    }
                }
                events.add(prefix + range(numbers, before) + (close != null ? ", then closed " + close
                        : numbers.size() < expected ? ", then the connection ended without a close frame" : ""));
                if (numbers.size() == expected) {
                    socket.closeNormally();
                }
            } catch (EOFException e) {
                events.add(prefix + range(numbers, before) + ", then the connection ended in the middle of a frame");
                closedWithReason = false;
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                    // The server keeps the connection and sends nothing more: resuming again would not help.
                    events.add(prefix + range(numbers, before) + ", then nothing more within the socket timeout");
                    return new Transcript(expected, numbers, events, false);
                }
                events.add(prefix + range(numbers, before) + ", then " + e);
                closedWithReason = false;
            }
        }
        return new Transcript(expected, numbers, events, false);
    }

    /** "with 1008 'too slow to read its messages'". */
    private static String describeClose(RawWebSocket.Frame close) {
        byte[] payload = close.payload();
        if (payload.length < 2) {
            return "without a code";
        }
        int code = ByteBuffer.wrap(payload, 0, 2).getShort() & 0xffff;
        return "with " + code + " '" + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) + "'";
    }

    private static String range(List<Integer> numbers, int from) {
        if (numbers.size() == from) {
            return "no messages";
        }
        return "messages " + numbers.get(from) + ".." + numbers.get(numbers.size() - 1) + " (" + (numbers.size() - from) + ")";
    }
}
