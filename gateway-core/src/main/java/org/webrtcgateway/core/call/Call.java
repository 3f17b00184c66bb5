package org.webrtcgateway.core.call;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.CallCorrelation;

/**
 * A call between two parties. It ends once; whichever side ends it first wins. Its correlation id, made
 * when the call begins, is in every log line about it (see {@link CallCorrelation}).
 */
public final class Call {

    private final String id;
    private final String correlationId = CallCorrelation.newId();
    private final CallParty caller;
    private final CallParty callee;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final java.time.Instant started = java.time.Instant.now();
    /** Set by the callee's first answer that went through: the call's state for the admin API, the end of its set-up. */
    private final AtomicBoolean answered = new AtomicBoolean();
    /** A transfer one party asked for whose outcome its bridge has yet to report; null when none is under way. */
    private final AtomicReference<PendingTransfer> transfer = new AtomicReference<>();
    /** When the offer came: the set-up time runs from here to the first answer. */
    private final long createdNanos = System.nanoTime();

    public Call(String id, CallParty caller, CallParty callee) {
        this.id = requireNonNull(id, "id");
        this.caller = requireNonNull(caller, "caller");
        this.callee = requireNonNull(callee, "callee");
    }

    public String id() {
        return id;
    }

    /**
     * The id that links every log line about this call, on every thread, to the bridges' own ids (SIP
     * Call-ID, Jingle sid): {@code call=<id>} in the logs. Unlike {@link #id()}, which the browser may
     * choose and which is unique per user only, it is unique in the gateway's logs.
     */
    public String correlationId() {
        return correlationId;
    }

    /** Opens the logging scope of this call on the current thread. */
    public CallCorrelation.Scope logScope() {
        return CallCorrelation.open(correlationId);
    }

    public CallParty caller() {
        return caller;
    }

    public CallParty callee() {
        return callee;
    }

    /** The party that is not {@code party}. */
    public CallParty other(CallParty party) {
        if (party == caller) {
            return callee;
        }
        if (party == callee) {
            return caller;
        }
        throw new IllegalArgumentException(party + " is not in call " + id);
    }

    /** The party at {@code address}, or null. */
    public CallParty partyAt(Address address) {
        if (caller.address().equals(address)) {
            return caller;
        }
        if (callee.address().equals(address)) {
            return callee;
        }
        return null;
    }

    public java.time.Instant started() {
        return started;
    }

    /** {@code "ringing"} until an answer went through, then {@code "answered"}; {@code "ended"} once ended. */
    public String state() {
        return ended.get() ? "ended" : answered.get() ? "answered" : "ringing";
    }

    /** True for the one caller that ends the call. */
    public boolean end() {
        return ended.compareAndSet(false, true);
    }

    /** Records a transfer under way; false when one is under way already. */
    boolean startTransfer(PendingTransfer pending) {
        return transfer.compareAndSet(null, pending);
    }

    /** The transfer under way, now no longer under way; null when none was. */
    PendingTransfer finishTransfer() {
        return transfer.getAndSet(null);
    }

    /** True for the first answer only: a renegotiation's answer is no set-up. */
    boolean firstAnswer() {
        return answered.compareAndSet(false, true);
    }

    /** Nanoseconds since the offer. */
    long age() {
        return System.nanoTime() - createdNanos;
    }

    @Override
    public String toString() {
        return "call " + id + " (" + caller.address() + " -> " + callee.address() + ")";
    }
}
