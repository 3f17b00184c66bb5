package org.webrtcgateway.core.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * Keys from a JWKS URL (an identity provider's {@code jwks_uri}). No thread of its own: a login that
 * finds the keys older than the refresh period starts a fetch in the background and goes on with the
 * keys it has; a login whose {@code kid} is unknown waits (at most {@link #WAIT}) for a fetch, but
 * such fetches happen at most once per {@link #KID_MISS_INTERVAL}, so tokens with made-up kids cannot
 * turn the gateway into a flood against the provider. The first login waits for the first fetch.
 * A failed fetch keeps the last good keys and is logged once a minute.
 */
final class JwksUrl implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(JwksUrl.class);
    static final Duration WAIT = Duration.ofSeconds(2);
    static final Duration KID_MISS_INTERVAL = Duration.ofMinutes(1);

    private final URI uri;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private final HttpClient http;
    private final RepeatedCondition failing;

    private volatile List<VerificationKey> keys = List.of();
    private long fetchedAt;
    private boolean fetchedOnce;
    private long kidMissFetchAt;
    private boolean kidMissFetched;
    private CompletableFuture<Boolean> inFlight;

    JwksUrl(URI uri, Duration refresh, LongSupplier nanoClock) {
        this.uri = uri;
        this.refreshNanos = refresh.toNanos();
        this.nanoClock = nanoClock;
        this.http = HttpClient.newBuilder().connectTimeout(WAIT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.failing = RepeatedCondition.warn(log, "JWKS fetch from " + uri + " failed, keeping the last good keys");
    }

    @Override
    public List<VerificationKey> keys() {
        CompletableFuture<Boolean> fetch;
        boolean first;
        synchronized (this) {
            first = !fetchedOnce;
            fetch = first || nanoClock.getAsLong() - fetchedAt >= refreshNanos ? fetch() : null;
        }
        if (first) {
            await(fetch);
        }
        return keys;
    }

    @Override
    public boolean refreshForUnknownKid() {
        CompletableFuture<Boolean> fetch;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (kidMissFetched && now - kidMissFetchAt < KID_MISS_INTERVAL.toNanos()) {
                return false;
            }
            kidMissFetched = true;
            kidMissFetchAt = now;
            fetch = fetch();
        }
        return await(fetch);
    }

    /** The fetch under way, or a new one. Called holding the lock. */
    private CompletableFuture<Boolean> fetch() {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        fetchedOnce = true;
        fetchedAt = nanoClock.getAsLong();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(WAIT).header("Accept", "application/json").GET().build();
        inFlight = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                failing.occurred("cannot connect or no answer in " + WAIT.toSeconds() + " s");
                return false;
            }
            if (response.statusCode() != 200) {
                failing.occurred("HTTP status " + response.statusCode());
                return false;
            }
            try {
                JwkSet.Parsed parsed = JwkSet.parse(response.body());
                parsed.skipped().forEach(skipped -> log.warn("JWKS from {}: {} left out", uri, skipped));
                keys = parsed.keys();
                failing.clear();
                return true;
            } catch (JwkSet.InvalidJwks e) {
                failing.occurred("the answer is " + e.getMessage());
                return false;
            }
        });
        return inFlight;
    }

    private static boolean await(CompletableFuture<Boolean> fetch) {
        try {
            return fetch.get(WAIT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
