package org.webrtcgateway.websocket.tls;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.webrtcgateway.core.log.RepeatedCondition;
import org.webrtcgateway.websocket.WebSocketConfig;

/**
 * Looks at the certificate and key files every {@code websocket.tls-reload-interval} and has {@link
 * ServerTls} serve them once they changed into a pair that belongs together: certbot renews without
 * anyone sending SIGHUP.
 *
 * <p><b>Why a poll and not a WatchService.</b> The configured paths are usually symbolic links
 * (certbot's {@code live/X/fullchain.pem} → {@code ../../archive/X/fullchain3.pem}; a Kubernetes secret's
 * {@code ..data} link), and a renewal repoints a link in a folder other than the file's own. A
 * WatchService sees only the folders it is given, so it would have to watch every folder along each link
 * chain and re-register whenever a link moves, and on some file systems (NFS, some container mounts) it
 * sees nothing at all. A look resolves each path anew and compares where it leads, that file's identity
 * (device and inode), time stamp and size: a few system calls a minute, right on every file system, and
 * reading the files only when something moved.
 *
 * <p><b>Two files, written one after the other.</b> A look between the certificate's write and the key's
 * finds a pair that does not match; it keeps the certificate in use and looks again at the next
 * interval. Only files that still cannot be served one look later are worth a warning (a renewal caught
 * halfway is not). While they stay so, each look counts it again: the journal gets the first warning at
 * once and then one line a minute with the count and the latest reason ({@link RepeatedCondition}),
 * whatever the interval or a broken deploy script does, until a good pair is served.
 */
@Singleton
public final class CertificateWatch {

    private static final Logger log = LoggerFactory.getLogger(CertificateWatch.class);

    private final ServerTls tls;
    private final Duration interval;
    private final RepeatedCondition unusable;
    private final RepeatedCondition bug = RepeatedCondition.error(log, "TLS certificate watch failed");
    private ScheduledExecutorService timer;

    /** The files as the last look found them; null before the first look or when they could not be found. */
    private CertificateFiles.Stamps lastStamps;
    /** What the last look could not serve, not warned about yet: maybe a renewal caught halfway. */
    private Object pending;
    /** What cannot be served, seen at two looks in a row: warned about at each look, at most once a minute. */
    private Failure failing;

    /** Files that cannot be served: their contents (or, unreadable, the reason), and why. */
    private record Failure(Object what, String why) {
    }

    @Inject
    CertificateWatch(WebSocketConfig config, ServerTls tls) {
        this(config, tls, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime} but in tests: how long a warning keeps the next ones at DEBUG */
    CertificateWatch(WebSocketConfig config, ServerTls tls, LongSupplier nanoClock) {
        this.tls = tls;
        this.interval = config.tls() ? config.tlsReloadInterval() : Duration.ZERO;
        this.unusable = new RepeatedCondition(log, Level.WARN,
                "TLS certificate files changed but cannot be served; the certificate in use stays in use",
                RepeatedCondition.MINUTE, nanoClock);
    }

    /** Looks every interval from now on; nothing without TLS or with an interval of 0. */
    public synchronized void start() {
        if (interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tls-certificate-watch");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(this::lookSafely, nanos, nanos, TimeUnit.NANOSECONDS);
        log.debug("TLS: looking at {} and {} every {}", tls.files().certificate(), tls.files().privateKey(), readable(interval));
    }

    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the watch must outlive a bug of ours.
            bug.occurred(e.toString(), e);
        }
    }

    /** One look: serves the files if they changed into a pair that can be served. */
    synchronized void look() {
        CertificateFiles files = tls.files();
        CertificateFiles.Stamps stamps;
        try {
            stamps = files.stamps();
        } catch (IOException e) {
            // A link being repointed, a file being replaced: gone for a moment, or for good.
            lastStamps = null;
            cannotServe(ServerTls.unreadable(e), ServerTls.unreadable(e));
            return;
        }
        if (stamps.equals(lastStamps) && pending == null && !stamps.racy(Instant.now())) {
            if (failing != null) {
                stillFailing(); // nothing moved: no need to read them again to know
            }
            return;
        }
        lastStamps = stamps;
        CertificateFiles.Contents contents;
        try {
            contents = files.read();
        } catch (IOException e) {
            cannotServe(ServerTls.unreadable(e), ServerTls.unreadable(e));
            return;
        }
        if (contents.equals(tls.served().contents())) {
            settled(); // touched but not changed, changed back, or taken on SIGHUP meanwhile
            return;
        }
        if (failing != null && contents.equals(failing.what())) {
            stillFailing();
            return;
        }
        try {
            tls.take(contents);
            settled();
        } catch (UnusableCertificate e) {
            cannotServe(contents, e.getMessage());
        }
    }

    private void cannotServe(Object what, String why) {
        if (what.equals(pending) || (failing != null && what.equals(failing.what()))) {
            pending = null;
            failing = new Failure(what, why);
            stillFailing();
        } else {
            log.debug("TLS: {} and {} cannot be served yet ({}); looking again in {}", tls.files().certificate(),
                    tls.files().privateKey(), why, readable(interval));
            pending = what;
        }
    }

    private void stillFailing() {
        unusable.occurred(tls.files().certificate() + " and " + tls.files().privateKey() + ": " + failing.why()
                + "; looking again every " + readable(interval));
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void settled() {
        pending = null;
        failing = null;
        unusable.clear();
    }
}
