package org.webrtcgateway.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextChecksTest {

    @Test
    void oneLineTextRefusesEveryControlCharacterAndNamesTheFirst() {
        assertThat(TextChecks.lineRefusal("'note'", "in a meeting, back at 3 ☕ 😀")).isEmpty();
        assertThat(TextChecks.lineRefusal("'note'", "tab\there")).hasValue("'note' has a character that is not allowed there (U+0009 at 3)");
        assertThat(TextChecks.lineRefusal("'note'", "a\r\nb")).hasValueSatisfying(r -> assertThat(r).contains("U+000D at 1"));
        assertThat(TextChecks.lineRefusal("'note'", "del\u007f")).isPresent();
        assertThat(TextChecks.lineRefusal("'note'", "c1\u0085")).as("NEL, a line break to some").isPresent();
    }

    @Test
    void sdpKeepsItsLineBreaksAndTabsButNoOtherControlCharacter() {
        assertThat(TextChecks.sdpRefusal("v=0\r\ns=caf\u00e9\tbar\r\nt=0 0\n")).isEmpty();
        assertThat(TextChecks.sdpRefusal("v=0\r\ns=\u0000\r\n")).hasValue("'sdp' has a character that is not allowed there (U+0000 at 7)");
        assertThat(TextChecks.sdpRefusal("v=0\r\ns=\u001b[2J\r\n")).isPresent();
    }

    @Test
    void unpairedSurrogatesAndNonCharactersAreRefusedButPairsPass() {
        assertThat(TextChecks.lineRefusal("x", "\ud83d\ude00")).isEmpty();
        assertThat(TextChecks.lineRefusal("x", "\ud83d")).isPresent();
        assertThat(TextChecks.lineRefusal("x", "\ude00\ud83d")).isPresent();
        assertThat(TextChecks.lineRefusal("x", "\ufffe")).isPresent();
        assertThat(TextChecks.lineRefusal("x", "\uffff")).isPresent();
    }
}
