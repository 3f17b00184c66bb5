package org.webrtcgateway.websocket.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.webrtcgateway.core.api.BridgeThread;
import org.webrtcgateway.core.api.CallCorrelation;

/** (Here, where logback is on the class path: without it the MDC keeps nothing.) A bridge thread's tasks run in the call scope of the work that handed them over, and leave none behind. */
class BridgeThreadCallScopeTest {

    private final ScheduledExecutorService thread = BridgeThread.start("test-bridge");

    @AfterEach
    void stop() {
        thread.shutdownNow();
        MDC.clear();
    }

    @Test
    void aTaskHandedOverInACallsScopeRunsInItAndTheNextTaskWithoutOneSeesNone() throws Exception {
        CompletableFuture<String> inScope = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        try (CallCorrelation.Scope scope = CallCorrelation.open("abcdefghij")) {
            thread.execute(() -> inScope.complete(CallCorrelation.current()));
        }
        thread.execute(() -> after.complete(String.valueOf(CallCorrelation.current())));

        assertThat(inScope.get(5, TimeUnit.SECONDS)).isEqualTo("abcdefghij");
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("null");
        assertThat(CallCorrelation.current()).as("the handing-over thread's scope closed").isNull();
    }

    @Test
    void aTaskThatSetsAnIdForItsOwnWorkLeavesNothingForTheNext() throws Exception {
        CompletableFuture<String> next = new CompletableFuture<>();
        thread.execute(() -> MDC.put(CallCorrelation.MDC_KEY, "leftbehind"));
        thread.execute(() -> next.complete(String.valueOf(CallCorrelation.current())));

        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("null");
    }

    @Test
    void aTimerCarriesTheIdOfTheTaskThatSetItAndACancelledOneLeavesTheQueue() throws Exception {
        CompletableFuture<String> timer = new CompletableFuture<>();
        CompletableFuture<ScheduledFuture<?>> cancelled = new CompletableFuture<>();
        try (CallCorrelation.Scope scope = CallCorrelation.open("timer12345")) {
            thread.execute(() -> {
                thread.schedule(() -> timer.complete(CallCorrelation.current()), 10, TimeUnit.MILLISECONDS);
                cancelled.complete(thread.schedule(() -> { }, 1, TimeUnit.HOURS));
            });
        }
        assertThat(timer.get(5, TimeUnit.SECONDS)).isEqualTo("timer12345");

        cancelled.get(5, TimeUnit.SECONDS).cancel(false);
        assertThat(thread.shutdownNow()).as("queued tasks left after the cancel").isEmpty();
    }

    @Test
    void idsAreTenUrlSafeCharactersAndDiffer() {
        String one = CallCorrelation.newId();
        assertThat(one).matches("[A-Za-z0-9_-]{10}").isNotEqualTo(CallCorrelation.newId());
    }
}
