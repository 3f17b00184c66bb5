package org.webrtcgateway.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatEncoderTest {

    private static String encode(String format, String pattern, String message, Object... arguments) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory(); // with its MDC, which JSON reads
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        if (pattern != null) {
            encoder.setPattern(pattern);
        }
        encoder.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("org.webrtcgateway.test"), Level.INFO, message, null, arguments);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void aLineBreakInWhatAClientSentCannotForgeALogLine() {
        String line = encode("text", "%level %logger{0} - %msg%n", "login refused for {}", "eve\r\nINFO Gateway - admin logged in");

        assertThat(line).isEqualTo("INFO test - login refused for eve\\r\\nINFO Gateway - admin logged in\n");
    }

    @Test
    void terminalEscapesAndOtherControlsAreWrittenAsEscapesInEverySpellingOfTheMessage() {
        assertThat(encode("text", "%m|%message%n", "{}", "\u001b[2J\u0000\u0085\u2028x\ty")).isEqualTo(
                "\\u001b[2J\\u0000\\u0085\\u2028x\\ty|\\u001b[2J\\u0000\\u0085\\u2028x\\ty\n");
    }

    @Test
    void anOrdinaryMessageIsWrittenAsItIs() {
        assertThat(encode("text", "%msg%n", "call {} to {} placed: café ☎", "c-1", "sip:1002@pbx")).isEqualTo(
                "call c-1 to sip:1002@pbx placed: café ☎\n");
    }

    @Test
    void theJsonFormatKeepsOneEventOnOneLineToo() {
        String json = encode("json", null, "login refused for {}", "eve\r\nforged");

        assertThat(json.strip()).doesNotContain("\n", "\r").contains("eve\\r\\nforged");
    }
}
