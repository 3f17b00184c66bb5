package org.webrtcgateway.sip.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** message-summary bodies (RFC 3842 5.2). */
@Tag("rfc3842")
class MessageSummaryTest {

    /** RFC 3842 section 7.1's example. */
    static final String RFC_EXAMPLE = "Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\n"
            + "Voice-Message: 2/8 (0/2)\r\n";

    @Test
    void theRfcsExampleGivesTheAccountAndTheVoiceMessageCounts() throws MalformedBody {
        assertThat(MessageSummary.parse(RFC_EXAMPLE))
                .isEqualTo(new MessageSummary(true, Optional.of("sip:alice@vmail.example.com"), 2, 8));
    }

    @Test
    void asteriskWordingWithoutUrgentCountsAndWithLowerCaseNamesParses() throws MalformedBody {
        assertThat(MessageSummary.parse("messages-waiting: no\nvoice-message: 0/3\n"))
                .isEqualTo(new MessageSummary(false, Optional.empty(), 0, 3));
    }

    @Test
    void withoutAVoiceMessageLineYesIsOneNewMessageAndNoIsNone() throws MalformedBody {
        assertThat(MessageSummary.parse("Messages-Waiting: yes\r\n").newMessages()).isEqualTo(1);
        assertThat(MessageSummary.parse("Messages-Waiting: no\r\nFax-Message: 1/0\r\n").newMessages()).isZero();
    }

    @Test
    void optionalMessageHeadersAfterTheBlankLineAreIgnored() throws MalformedBody {
        String body = RFC_EXAMPLE + "\r\nTo: <alice@atlanta.example.com>\r\nFrom: <bob@biloxi.example.com>\r\n";

        assertThat(MessageSummary.parse(body).newMessages()).isEqualTo(2);
    }

    @Test
    void malformedSummariesAreRefused() {
        assertThatThrownBy(() -> MessageSummary.parse("Voice-Message: 2/8\r\n")).isInstanceOf(MalformedBody.class)
                .hasMessageContaining("no Messages-Waiting");
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: maybe\r\n")).isInstanceOf(MalformedBody.class)
                .hasMessageContaining("yes or no");
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: yes\r\nVoice-Message: two/eight\r\n"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("new/old");
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: yes\r\nVoice-Message: 99999999999/0\r\n"))
                .isInstanceOf(MalformedBody.class);
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: yes\r\nVoice-Message: 2000000/0\r\n"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("count");
        assertThatThrownBy(() -> MessageSummary.parse("just some text")).isInstanceOf(MalformedBody.class);
        assertThatThrownBy(() -> MessageSummary.parse("")).isInstanceOf(MalformedBody.class);
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: yes\r\n" + "X: y\r\n".repeat(2000)))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("over");
    }

    @Test
    void aRefusalQuotesTheBadValueWithoutItsControlCharacters() {
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: y\u001b[31mes\r\n"))
                .isInstanceOf(MalformedBody.class).hasMessageNotContaining("\u001b");
    }

    /** Found by MessageSummaryFuzzTest: Java's \\p{Cntrl} is ASCII's, so C1 controls (NEL, CSI) reached the log. */
    @Test
    void aRefusalQuotesC1ControlsAsQuestionMarks() {
        assertThatThrownBy(() -> MessageSummary.parse("Messages-Waiting: y\u009b31m\u0085es\r\n"))
                .isInstanceOf(MalformedBody.class).hasMessageContaining("got 'y?31m?es'");
    }
}
