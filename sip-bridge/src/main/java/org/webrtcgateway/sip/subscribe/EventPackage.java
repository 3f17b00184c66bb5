package org.webrtcgateway.sip.subscribe;

import java.util.Locale;
import java.util.Optional;

/** The SIP event packages the bridge subscribes to, with the body type each one's NOTIFYs carry. */
public enum EventPackage {
    /** RFC 4235: a phone's dialogs, for busy lamps. */
    DIALOG("dialog", "application", "dialog-info+xml"),
    /** RFC 3856 with PIDF (RFC 3863) bodies: where a PBX offers presence and not dialog. */
    PRESENCE("presence", "application", "pidf+xml"),
    /** RFC 3842: message-waiting, for the voice-mail light. */
    MESSAGE_SUMMARY("message-summary", "application", "simple-message-summary");

    public final String eventName;
    public final String type;
    public final String subtype;

    EventPackage(String eventName, String type, String subtype) {
        this.eventName = eventName;
        this.type = type;
        this.subtype = subtype;
    }

    /** The package an Event header's type names (case-insensitively, RFC 6665 8.2.1). */
    public static Optional<EventPackage> named(String eventType) {
        if (eventType == null) {
            return Optional.empty();
        }
        String name = eventType.trim().toLowerCase(Locale.ROOT);
        for (EventPackage p : values()) {
            if (p.eventName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    String mediaType() {
        return type + "/" + subtype;
    }
}
