package org.webrtcgateway.sip.stack;

import java.util.Properties;

import gov.nist.core.StackLogger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * JAIN-SIP's internal log, sent to SLF4J (logger {@code gov.nist.javax.sip}) instead of the log4j
 * the reference implementation would otherwise load. Named in the stack property
 * {@code gov.nist.javax.sip.STACK_LOGGER}. The stack's "warnings" are mostly start-up chatter
 * (which TLS defaults it took), so they go out at INFO. Its errors go out at DEBUG: each is about one
 * message (a PBX that refuses connections gets the whole REGISTER quoted, with a stack trace, on every
 * retry), and the failure reaches the bridge's handlers, which say what it means once, throttled
 * (e.g. "not registered at ..."). Only its fatal errors reach the operator, one line, at most one a
 * minute.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final RepeatedCondition fatal = RepeatedCondition.error(log, "JAIN-SIP fatal error");

    @Override
    public void logStackTrace() {
        if (log.isTraceEnabled()) {
            log.trace("stack trace", new Throwable());
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.debug("JAIN-SIP", ex);
    }

    @Override
    public void logDebug(String message) {
        log.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        fatal.occurred(firstLine(message));
        log.debug(message);
    }

    @Override
    public void logError(String message) {
        log.debug(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_DEBUG) {
            return log.isDebugEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return log.isInfoEnabled();
        }
        if (logLevel >= TRACE_WARN) {
            return log.isWarnEnabled();
        }
        return log.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        log.debug(message, ex);
    }

    /** The stack's messages quote the SIP message after their first line: that text is for DEBUG. */
    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    @Override
    public void logWarning(String message) {
        log.info(message);
    }

    @Override
    public void logInfo(String message) {
        log.info(message);
    }

    @Override
    public void disableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void enableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
