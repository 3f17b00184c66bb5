package org.webrtcgateway.sip.transfer;

import java.util.concurrent.ScheduledFuture;

import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.header.Header;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.sip.call.SipCall;

/**
 * A REFER from SIP that the gateway accepted: its browser user was asked to call {@link #target}. It waits (for a
 * bounded time) for that call; the call's INVITE carries {@link #referredBy}, and its final status goes to the
 * referrer in the last NOTIFY. The referring dialog is kept past a BYE while the referrer may still be told (RFC 5057:
 * the subscription is a dialog usage of its own), and let go when it is over. Bridge thread only.
 */
final class Referral {

    private static final Logger log = LoggerFactory.getLogger(Referral.class);

    /** RFC 3261's 603: the browser never placed the call (it ended the old one, or let the time pass). */
    static final int DECLINED = 603;

    private enum State { WAITING, CALLING, DONE }

    final Address.Local user;
    final Address.External target;
    final Header referredBy;
    private final SipCall referring;
    private final ReferNotifier notifier;
    private State state = State.WAITING;
    private ScheduledFuture<?> expiry;
    private Runnable forget = () -> { };

    Referral(Address.Local user, Address.External target, Header referredBy, SipCall referring, ReferNotifier notifier) {
        this.user = user;
        this.target = target;
        this.referredBy = referredBy;
        this.referring = referring;
        this.notifier = notifier;
    }

    /** Waits for the browser's call until {@code expiry} fires; {@code forget} takes it out of the waiting table. */
    void waitFor(ScheduledFuture<?> expiry, Runnable forget) {
        this.expiry = expiry;
        this.forget = forget;
        referring.whenEnded(this::referringEnded);
    }

    SipCall referring() {
        return referring;
    }

    boolean isWaiting() {
        return state == State.WAITING;
    }

    /** The browser's call to the target goes out now: from here on, it reports. */
    void claimed() {
        state = State.CALLING;
        expiry.cancel(false);
        forget.run();
        log.debug("{} calls {} as referred by {}", user, target, referring);
    }

    /** The referred call's final status: the referrer's last NOTIFY. */
    void finalStatus(int status) {
        finish(status);
    }

    /** The bound passed and the browser did not call. */
    void expired() {
        if (state == State.WAITING) {
            log.info("{} did not call {} as referred by {}; the referrer is told {}", user, target, referring, DECLINED);
            finish(DECLINED);
        }
    }

    private void referringEnded(boolean farEndGone) {
        if (state == State.WAITING && !farEndGone) {
            // The browser hung up the old call without placing the new one: it declined. When the referrer hung up,
            // the browser may well be calling a moment later, so that waits for the call or the bound.
            finish(DECLINED);
        } else if (state == State.DONE) {
            release();
        }
    }

    private void finish(int status) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        if (expiry != null) {
            expiry.cancel(false);
        }
        forget.run();
        notifier.finish(status);
        release();
    }

    /**
     * The subscription is over: the dialog ends with its BYE again ({@link #accepted} kept it), or is let go now if
     * the call has ended already.
     */
    private void release() {
        Dialog dialog = referring.dialog();
        if (referring.isEnded()) {
            dialog.delete();
            return;
        }
        try {
            dialog.terminateOnBye(true);
        } catch (SipException e) {
            log.debug("{}: dialog cannot end on BYE again", referring, e);
        }
    }

    /** Keeps the dialog past a BYE, so the referrer can still be told (RFC 5057 5.5). */
    static void accepted(Dialog dialog) throws SipException {
        dialog.terminateOnBye(false);
    }

    @Override
    public String toString() {
        return "Referral[" + user + " -> " + target + " by " + referring + " " + state + "]";
    }
}
