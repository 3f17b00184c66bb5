package org.webrtcgateway.sip.register;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ResponseEvent;
import javax.sip.message.Request;

import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;
import org.webrtcgateway.sip.stack.ClientHandler;
import org.webrtcgateway.sip.stack.SipEndpoint;

/**
 * Whether a proxy works, asked the way Kamailio's dispatcher and most SBCs ask: an out-of-dialog OPTIONS. In trunk
 * mode nothing registers, so this is the only sign; with accounts it notices a registrar that went away long
 * before the next refresh would. Any final answer but 408 and 503 means it is there (a 404 or 405 comes from a
 * proxy that is up); silence or a transport error means it is not. Sent at start, then every
 * {@code sip.options-interval} while reachable, and with the registration retry back-off
 * ({@code sip.register-retry-min} to {@code -max}) while not. Bridge thread only, except {@link #problem}.
 */
public final class ProxyProbe implements ClientHandler {

    private final SipAccount from;
    private final SipEndpoint endpoint;
    private final SipConfig config;
    private final ScheduledExecutorService executor;
    /** Told when the proxy answers again after it did not: a registrar that restarted may have forgotten us. */
    private final Runnable onBack;
    /** The last probe failed (before the first answer, none has yet). */
    private boolean failing;
    private Duration backoff;
    private ScheduledFuture<?> next;
    private boolean stopped;
    /** The proxy's host:port. */
    public String proxy() {
        return from.proxy();
    }

    /** Null while reachable; before the first answer, and after a failure, what is wrong. */
    private volatile String problem = "no answer yet to OPTIONS";

    /**
     * @param from   the proxy to probe, and the address of record the OPTIONS comes from
     * @param onBack run (on the bridge thread) when the proxy answers again after failing
     */
    public ProxyProbe(SipAccount from, SipEndpoint endpoint, SipConfig config, ScheduledExecutorService executor,
                      Runnable onBack) {
        this.from = from;
        this.endpoint = endpoint;
        this.config = config;
        this.executor = executor;
        this.onBack = onBack;
        this.backoff = config.registerRetryMin();
    }

    public void start() {
        probe();
    }

    public void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** What keeps the proxy from working now, if anything. Any thread. */
    public Optional<String> problem() {
        String now = problem;
        return now == null ? Optional.empty() : Optional.of("proxy " + from.proxy() + " not answering OPTIONS (" + now + ")");
    }

    private void probe() {
        if (stopped) {
            return;
        }
        Request options = endpoint.newRequest(Request.OPTIONS, from, "sip:" + from.proxy(), from.aor());
        endpoint.sendProbe(options, this);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        int status = event.getResponse().getStatusCode();
        if (status < 200) {
            return;
        }
        if (status == 408 || status == 503) {
            failed(status + " " + event.getResponse().getReasonPhrase());
            return;
        }
        problem = null;
        backoff = config.registerRetryMin();
        schedule(config.optionsInterval());
        if (failing) {
            failing = false;
            onBack.run();
        }
    }

    @Override
    public void onFailure(String reason) {
        failed(reason);
    }

    private void failed(String reason) {
        problem = reason;
        failing = true;
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.registerRetryMax()) > 0 ? config.registerRetryMax() : doubled;
        schedule(wait);
    }

    private void schedule(Duration in) {
        if (!stopped) {
            next = executor.schedule(this::probe, in.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
