package org.webrtcgateway.sip.subscribe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * An {@code application/dialog-info+xml} document (RFC 4235): whether it is the full state or a change
 * ({@code state="partial"}), and each listed dialog's state by dialog id.
 */
public record DialogInfo(boolean full, Map<String, String> dialogStates) {

    /** RFC 4235 4.1.2 (the state machine) names these. */
    static final Set<String> STATES = Set.of("trying", "proceeding", "early", "confirmed", "terminated");
    /** Far more dialogs than a phone has at once: a document listing more is not one to believe. */
    static final int MAX_DIALOGS = 256;

    public DialogInfo {
        dialogStates = Map.copyOf(dialogStates);
    }

    public static DialogInfo parse(String body) throws MalformedBody {
        Element root = SafeXml.root(body, "dialog-info");
        String state = root.getAttribute("state");
        boolean full;
        if (state.equals("full")) {
            full = true;
        } else if (state.equals("partial")) {
            full = false;
        } else {
            throw new MalformedBody("dialog-info state must be 'full' or 'partial', got '" + MalformedBody.quote(state) + "'");
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (Element dialog : SafeXml.children(root, "dialog")) {
            if (states.size() == MAX_DIALOGS) {
                throw new MalformedBody("more than " + MAX_DIALOGS + " dialogs");
            }
            String id = dialog.getAttribute("id");
            if (id.isEmpty()) {
                throw new MalformedBody("a <dialog> without an id");
            }
            String dialogState = SafeXml.childText(dialog, "state");
            if (dialogState == null || !STATES.contains(dialogState.toLowerCase(Locale.ROOT))) {
                throw new MalformedBody("dialog state must be one of " + STATES + ", got '" + MalformedBody.quote(dialogState) + "'");
            }
            states.put(id, dialogState.toLowerCase(Locale.ROOT));
        }
        return new DialogInfo(full, states);
    }
}
