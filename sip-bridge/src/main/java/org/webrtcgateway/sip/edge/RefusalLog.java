package org.webrtcgateway.sip.edge;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Writes refused requests to the journal: one line per source and minute (with how many since), so a scanner is
 * seen without filling the disk. It follows at most {@code maxSources} sources by name; refusals of sources past
 * that (a sweep from many addresses) share one condition, so the journal stays bounded whatever the number of
 * senders.
 */
public final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    private final int maxSources;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, RepeatedCondition> bySource = new LinkedHashMap<>();
    private final RepeatedCondition others;

    public RefusalLog(int maxSources, Duration interval, LongSupplier nanoClock) {
        this.maxSources = maxSources;
        this.interval = interval;
        this.nanoClock = nanoClock;
        this.others = new RepeatedCondition(log, Level.INFO, "SIP requests refused from further sources", interval, nanoClock);
    }

    /** One refused request: {@code what} says which (method and Request-URI, from the peer: the condition cleans it). */
    public void refused(InetAddress source, Verdict verdict, String what) {
        String detail = what + " -> " + (verdict.status == 0 ? "no answer" : String.valueOf(verdict.status))
                + " (" + verdict.reason.label + ")";
        RepeatedCondition condition;
        synchronized (bySource) {
            condition = bySource.get(source);
            if (condition == null && bySource.size() < maxSources) {
                condition = new RepeatedCondition(log, Level.INFO, "SIP requests refused from " + addressOf(source),
                        interval, nanoClock);
                bySource.put(source, condition);
            }
        }
        if (condition != null) {
            condition.occurred(detail);
        } else {
            others.occurred(addressOf(source) + ": " + detail);
        }
    }

    private static String addressOf(InetAddress source) {
        return source == null ? "an unknown address" : source.getHostAddress();
    }
}
