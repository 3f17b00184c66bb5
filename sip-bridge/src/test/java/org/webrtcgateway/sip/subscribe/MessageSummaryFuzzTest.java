package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webrtcgateway.sip.subscribe.OneLogLine.assertOneLogLine;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link MessageSummary#parse} on any message-summary body (RFC 3842), coverage-guided (ADR 0018). The seeds in
 * {@code MessageSummaryFuzzTestInputs/} are RFC 3842's example, the bodies the sipp phones of the integration tests send,
 * and the unit tests' bodies.
 */
class MessageSummaryFuzzTest {

    /**
     * A body is refused with {@link MalformedBody} alone, whose message is one bounded log line; what parses has counts
     * from 0 to {@link MessageSummary#MAX_COUNT}, an account only when it says something (trimmed, one line), and written
     * out in RFC 3842's form it parses to the same summary.
     */
    @FuzzTest
    @Timeout(10)
    void aSummaryGivesCountsInRangeThatReadBackOrIsRefusedOnOneLogLine(byte[] input) throws MalformedBody {
        MessageSummary summary;
        try {
            summary = MessageSummary.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MalformedBody refused) {
            assertOneLogLine(refused);
            return;
        }

        assertThat(summary.newMessages()).isBetween(0, MessageSummary.MAX_COUNT);
        assertThat(summary.oldMessages()).isBetween(0, MessageSummary.MAX_COUNT);
        summary.account().ifPresent(account -> assertThat(account).isNotEmpty().isEqualTo(account.trim())
                .doesNotContain("\r", "\n"));
        String written = "Messages-Waiting: " + (summary.waiting() ? "yes" : "no") + "\r\n"
                + summary.account().map(account -> "Message-Account: " + account + "\r\n").orElse("")
                + "Voice-Message: " + summary.newMessages() + "/" + summary.oldMessages() + "\r\n";
        assertThat(MessageSummary.parse(written)).as("written out as\n%s", written).isEqualTo(summary);
    }
}
