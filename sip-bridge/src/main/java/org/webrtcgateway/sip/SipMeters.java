package org.webrtcgateway.sip;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.webrtcgateway.sip.edge.Verdict;
import org.webrtcgateway.sip.register.Registration;
import org.webrtcgateway.sip.register.Registrations;

/**
 * The SIP bridge's meters: its registrations by state, read when scraped, and the responses it
 * receives by class (1xx to 6xx), counted on JAIN-SIP's thread by an array index.
 */
public final class SipMeters {

    /** A registration's state as a label: registered, failed (the registrar's last answer refused it) or pending. */
    enum RegistrationState {
        REGISTERED("registered"), PENDING("pending"), FAILED("failed");

        final String label;

        RegistrationState(String label) {
            this.label = label;
        }

        static RegistrationState of(Registration.State state) {
            if (state.registered()) {
                return REGISTERED;
            }
            return state.lastStatus() >= 300 ? FAILED : PENDING;
        }
    }

    private final Counter[] responsesByClass = new Counter[7];
    private final java.util.Map<Verdict.Reason, Counter> refusedByReason = new java.util.EnumMap<>(Verdict.Reason.class);

    SipMeters(MeterRegistry registry, Supplier<Registrations> registrations) {
        for (int c = 1; c <= 6; c++) {
            responsesByClass[c] = Counter.builder("gateway.sip.responses").description("SIP responses received, by class")
                    .tag("class", c + "xx").register(registry);
        }
        for (Verdict.Reason reason : Verdict.Reason.values()) {
            refusedByReason.put(reason, Counter.builder("gateway.sip.requests.refused")
                    .description("SIP requests refused at the edge (answered 403 or 503, or not at all), by reason")
                    .tag("reason", reason.label).register(registry));
        }
        for (RegistrationState state : RegistrationState.values()) {
            Gauge.builder("gateway.sip.registrations", () -> count(registrations.get(), state))
                    .description("SIP registrations of the gateway's accounts, by state").tag("state", state.label)
                    .register(registry);
        }
    }

    private static long count(Registrations registrations, RegistrationState state) {
        return registrations == null ? 0 : registrations.states().stream().filter(s -> RegistrationState.of(s) == state).count();
    }

    /** A request was refused at the edge. */
    public void refused(Verdict.Reason reason) {
        refusedByReason.get(reason).increment();
    }

    /** A response arrived; a status outside 100-699 (none should pass JAIN-SIP's parser) is not counted. */
    public void response(int status) {
        int c = status / 100;
        if (c >= 1 && c <= 6) {
            responsesByClass[c].increment();
        }
    }
}
