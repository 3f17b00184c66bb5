package org.webrtcgateway.sip.subscribe;

import java.util.HashMap;
import java.util.Map;

import org.webrtcgateway.core.api.PresenceStatus;

/**
 * The dialogs a watched phone has, as its dialog-info NOTIFYs told them (a full document replaces what was
 * known, a partial one changes the dialogs it lists), and the lamp that makes: any confirmed dialog is "on the
 * phone", else any early, proceeding or trying one is "ringing", else (none, or all terminated) available.
 * One per busy-lamp subscription, on the bridge thread.
 */
final class DialogStates {

    private final Map<String, String> live = new HashMap<>();

    Lamp apply(DialogInfo info) {
        if (info.full()) {
            live.clear();
        }
        info.dialogStates().forEach((id, state) -> {
            if (state.equals("terminated")) {
                live.remove(id);
            } else {
                live.put(id, state);
            }
        });
        if (live.size() > DialogInfo.MAX_DIALOGS) {
            // Only partial documents that never end their dialogs get here: believe the latest one alone.
            live.clear();
            info.dialogStates().forEach((id, state) -> {
                if (!state.equals("terminated")) {
                    live.put(id, state);
                }
            });
        }
        return lamp();
    }

    Lamp lamp() {
        if (live.containsValue("confirmed")) {
            return new Lamp(PresenceStatus.BUSY, "on the phone");
        }
        if (!live.isEmpty()) {
            return new Lamp(PresenceStatus.BUSY, "ringing");
        }
        return new Lamp(PresenceStatus.AVAILABLE, null);
    }
}
