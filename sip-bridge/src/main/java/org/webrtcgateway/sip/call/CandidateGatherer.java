package org.webrtcgateway.sip.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.webrtcgateway.core.api.IceCandidate;
import org.webrtcgateway.sip.sdp.SdpCandidates;

/**
 * Holds a browser's SDP until its trickled candidates are in (end-of-candidates) or the gathering
 * deadline passes, then hands over the SDP with the candidates merged in. SIP peers do not trickle.
 * Used on the bridge thread only.
 */
final class CandidateGatherer {

    private final String sdp;
    private final List<IceCandidate> candidates = new ArrayList<>();
    private final Consumer<String> ready;
    private final ScheduledFuture<?> deadline;
    private boolean done;

    CandidateGatherer(String sdp, Duration wait, ScheduledExecutorService executor, Consumer<String> ready) {
        this.sdp = sdp;
        this.ready = ready;
        this.deadline = executor.schedule(() -> finish(false), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void add(IceCandidate candidate) {
        if (done) {
            return;
        }
        if (candidate == null || candidate.isEndOfCandidates()) {
            finish(true);
        } else {
            candidates.add(candidate);
        }
    }

    /** Drops the SDP without sending it (the call ended first). */
    void cancel() {
        done = true;
        deadline.cancel(false);
    }

    boolean isDone() {
        return done;
    }

    private void finish(boolean complete) {
        if (done) {
            return;
        }
        done = true;
        deadline.cancel(false);
        ready.accept(SdpCandidates.merge(sdp, candidates, complete));
    }
}
