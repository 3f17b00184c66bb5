package org.webrtcgateway.server.logging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The log's line format, chosen by one setting in {@code conf/logback.xml} ({@code format}: {@code text}
 * or {@code json}) rather than by editing which appender the root logger uses: readable lines with
 * {@code pattern}, or one JSON object per line (logstash-logback-encoder) for log shippers. Either way one event
 * is one line (a stack trace aside): text escapes the message's control characters.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d %-5level [%thread] %logger{0} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format.trim();
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equalsIgnoreCase("json")) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(getContext());
            delegate = json;
        } else {
            if (!format.equalsIgnoreCase("text")) {
                addWarn("log format '" + format + "' is neither 'text' nor 'json': using text");
            }
            PatternLayout layout = new PatternLayout();
            layout.setContext(getContext());
            layout.setPattern(pattern);
            // Every spelling of the message in a pattern: one event, one line (OneLineMessageConverter).
            for (String word : List.of("m", "msg", "message")) {
                layout.getInstanceConverterMap().put(word, OneLineMessageConverter.class.getName());
            }
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
            text.setContext(getContext());
            text.setLayout(layout);
            text.setCharset(StandardCharsets.UTF_8);
            delegate = text;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
