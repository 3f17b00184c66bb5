package org.webrtcgateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * What the gateway logged while a test ran, as logback saw it (after the levels of
 * {@code logback-test.xml}: WARN and above unless a test lowers one). For tests that bound what a
 * peer can make the gateway write: how many lines, whether any carries a stack trace.
 * <pre>
 * try (LogCapture log = LogCapture.everything()) { ...; assertThat(log.atLeast(Level.WARN)).hasSizeLessThan(2); }
 * </pre>
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    /** Loggers whose level this capture lowered, with the level to put back. */
    private final java.util.Map<Logger, Level> lowered = new java.util.LinkedHashMap<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        setName("log-capture");
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    /** Every logger's events. */
    public static LogCapture everything() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** Every logger's events, with {@code loggers} (and their children) lowered to {@code level} until {@link #close}. */
    public static LogCapture everything(Level level, String... loggers) {
        LogCapture capture = everything();
        for (String name : loggers) {
            Logger lowered = (Logger) LoggerFactory.getLogger(name);
            capture.lowered.put(lowered, lowered.getLevel());
            lowered.setLevel(level);
        }
        return capture;
    }

    /** Every event so far, in order. */
    public List<ILoggingEvent> all() {
        return List.copyOf(events);
    }

    /** The events whose MDC has {@code key} = {@code value}. */
    public List<ILoggingEvent> withMdc(String key, String value) {
        return events.stream().filter(event -> value.equals(event.getMDCPropertyMap().get(key))).toList();
    }

    /** The events of logger {@code name}. */
    public List<ILoggingEvent> of(String name) {
        return events.stream().filter(event -> event.getLoggerName().equals(name)).toList();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** The events at {@code level} or above, in order. */
    public List<ILoggingEvent> atLeast(Level level) {
        return events.stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
    }

    /** The events at {@code level} or above that carry a stack trace. */
    public List<ILoggingEvent> withStackTrace(Level level) {
        return atLeast(level).stream().filter(event -> event.getThrowableProxy() != null).toList();
    }

    /** Each event as {@code LEVEL logger - message}, for assertion messages. */
    public static List<String> lines(List<ILoggingEvent> events) {
        return events.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + "]")).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        lowered.forEach(Logger::setLevel);
        stop();
    }
}
