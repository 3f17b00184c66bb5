package org.webrtcgateway.sip.media;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.sip.SipAccount;
import org.webrtcgateway.sip.SipConfig;

/**
 * Which media leg a new call gets: its {@link MediaMode} (the dial-plan rule's, else the account's, else the
 * trunk's; an account from a login token passes through), then a relayed or passed-through leg from the relays.
 */
public final class CallMedia {

    private final MediaConfig media;
    private final SipConfig sip;
    private final MediaRelays relays;

    public CallMedia(MediaConfig media, SipConfig sip, MediaRelays relays) {
        this.media = media;
        this.sip = sip;
        this.relays = relays;
    }

    /** The leg of a call {@code account} places to {@code dialed} (what the browser dialed, before the dial plan). */
    public MediaLeg outgoing(SipAccount account, Address.External dialed) {
        MediaMode mode = sip.dialPlan().ruleFor(dialed).map(rule -> media.rules().get(rule)).orElse(null);
        return relays.legFor(mode != null ? mode : modeOf(account), null);
    }

    /** The leg of a call to {@code account} whose INVITE offered {@code offer}. */
    public MediaLeg incoming(SipAccount account, String offer) {
        return relays.legFor(modeOf(account), offer);
    }

    public MediaRelays relays() {
        return relays;
    }

    private MediaMode modeOf(SipAccount account) {
        SipAccount configured = sip.accounts().get(account.user());
        if (configured != null) {
            return configured.equals(account) ? media.accounts().getOrDefault(account.user(), MediaMode.WEBRTC) : MediaMode.WEBRTC;
        }
        boolean trunkUser = sip.trunk().map(trunk -> trunk.domain().equals(account.domain()) && trunk.proxy().equals(account.proxy()))
                .orElse(false);
        return trunkUser ? media.trunk() : MediaMode.WEBRTC;
    }
}
