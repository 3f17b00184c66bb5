package org.webrtcgateway.sip.subscribe;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.BridgeContext;
import org.webrtcgateway.core.api.PresenceStatus;
import org.webrtcgateway.core.api.Signal;

/**
 * One user's busy lamp of one SIP address: turns its subscription's NOTIFYs (dialog-info or PIDF) into
 * {@code presence} from the address the user subscribed to, each time the lamp changes. Bridge thread only.
 */
final class BusyLamp implements Subscription.Owner {

    private final BridgeContext gateway;
    private final Address.Local user;
    private final Address.External watched;
    private final DialogStates dialogs = new DialogStates();
    private Subscription subscription;
    private Lamp shown;

    BusyLamp(BridgeContext gateway, Address.Local user, Address.External watched) {
        this.gateway = gateway;
        this.user = user;
        this.watched = watched;
    }

    void attach(Subscription subscription) {
        this.subscription = subscription;
    }

    Subscription subscription() {
        return subscription;
    }

    @Override
    public void onBody(EventPackage eventPackage, String body) throws MalformedBody {
        Lamp lamp = switch (eventPackage) {
            case DIALOG -> dialogs.apply(DialogInfo.parse(body));
            case PRESENCE -> Pidf.parse(body);
            case MESSAGE_SUMMARY -> throw new IllegalStateException("a busy lamp does not subscribe to message-summary");
        };
        show(lamp);
    }

    @Override
    public void onUnavailable(String why, boolean retrying) {
        // A subscription that is only being renewed keeps its lamp (no flicker); one never granted, or refused
        // for good, says the address cannot be watched.
        if (!retrying || shown == null) {
            show(new Lamp(PresenceStatus.OFFLINE, retrying ? "not reachable yet" : "cannot be watched"));
        }
    }

    /** Shows the lamp again (the user subscribed again to what it watches). */
    void showAgain() {
        if (shown != null) {
            gateway.deliver(user, new Signal.Presence(watched, shown.status(), shown.note()));
        }
    }

    private void show(Lamp lamp) {
        if (lamp.equals(shown)) {
            return; // a refresh's NOTIFY repeats the state: the browser hears of changes only
        }
        shown = lamp;
        gateway.deliver(user, new Signal.Presence(watched, lamp.status(), lamp.note()));
    }
}
