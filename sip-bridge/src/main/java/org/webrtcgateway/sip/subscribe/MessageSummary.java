package org.webrtcgateway.sip.subscribe;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code application/simple-message-summary} body (RFC 3842 5.2): {@code Messages-Waiting: yes|no}, an
 * optional {@code Message-Account} URI, and the voice messages' counts from
 * {@code Voice-Message: new/old (urgent_new/urgent_old)}. Without a Voice-Message line, "yes" counts as one
 * new message (the light on, the number unknown) and "no" as none.
 */
public record MessageSummary(boolean waiting, Optional<String> account, int newMessages, int oldMessages) {

    /** Counts above this are not a mailbox's. */
    static final int MAX_COUNT = 1_000_000;
    static final int MAX_CHARS = 8192;

    private static final Pattern COUNTS = Pattern.compile("(\\d{1,7})/(\\d{1,7})(?:\\s*\\((\\d{1,7})/(\\d{1,7})\\))?");

    public static MessageSummary parse(String body) throws MalformedBody {
        if (body == null || body.isBlank()) {
            throw new MalformedBody("empty message summary");
        }
        if (body.length() > MAX_CHARS) {
            throw new MalformedBody("message summary of " + body.length() + " characters, over " + MAX_CHARS);
        }
        Boolean waiting = null;
        String account = null;
        int newMessages = -1;
        int oldMessages = -1;
        for (String line : body.split("\r\n|\n|\r")) {
            if (line.isBlank()) {
                continue; // RFC 3842's optional message headers follow a blank line; only the summary is read
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedBody("a line that is not 'name: value'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "messages-waiting" -> {
                    if (value.equalsIgnoreCase("yes")) {
                        waiting = true;
                    } else if (value.equalsIgnoreCase("no")) {
                        waiting = false;
                    } else {
                        throw new MalformedBody("Messages-Waiting must be yes or no, got '" + MalformedBody.quote(value) + "'");
                    }
                }
                case "message-account" -> account = value;
                case "voice-message" -> {
                    Matcher counts = COUNTS.matcher(value);
                    if (!counts.matches()) {
                        throw new MalformedBody("Voice-Message must be new/old (urgent_new/urgent_old), got '"
                                + MalformedBody.quote(value) + "'");
                    }
                    newMessages = count(counts.group(1));
                    oldMessages = count(counts.group(2));
                }
                default -> {
                    // other message classes (fax-message, text-message...) and extensions: not for the voice-mail light
                }
            }
        }
        if (waiting == null) {
            throw new MalformedBody("no Messages-Waiting line");
        }
        if (newMessages < 0) {
            newMessages = waiting ? 1 : 0;
            oldMessages = 0;
        }
        return new MessageSummary(waiting, Optional.ofNullable(account).filter(a -> !a.isEmpty()), newMessages, oldMessages);
    }

    private static int count(String digits) throws MalformedBody {
        int n = Integer.parseInt(digits); // at most 7 digits: no overflow
        if (n > MAX_COUNT) {
            throw new MalformedBody("a message count of " + n);
        }
        return n;
    }
}
