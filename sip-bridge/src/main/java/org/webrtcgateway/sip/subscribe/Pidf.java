package org.webrtcgateway.sip.subscribe;

import java.util.Locale;

import org.w3c.dom.Element;
import org.webrtcgateway.core.api.PresenceStatus;

/**
 * An {@code application/pidf+xml} document (RFC 3863) as a lamp: any tuple whose basic status is open is
 * available (busy or away when its RPID activities, RFC 4480, say on-the-phone/busy or away), all closed or
 * no tuple is offline. The note is the document's first {@code <note>}, else the first tuple's.
 */
final class Pidf {

    private static final int MAX_TUPLES = 256;

    private Pidf() {
    }

    static Lamp parse(String body) throws MalformedBody {
        Element root = SafeXml.root(body, "presence");
        boolean open = false;
        String note = SafeXml.childText(root, "note");
        PresenceStatus activity = null;
        var tuples = SafeXml.children(root, "tuple");
        if (tuples.size() > MAX_TUPLES) {
            throw new MalformedBody("more than " + MAX_TUPLES + " tuples");
        }
        for (Element tuple : tuples) {
            Element status = SafeXml.child(tuple, "status");
            String basic = status == null ? null : SafeXml.childText(status, "basic");
            if (basic == null) {
                throw new MalformedBody("a <tuple> without <status><basic>");
            }
            switch (basic.toLowerCase(Locale.ROOT)) {
                case "open" -> open = true;
                case "closed" -> {
                }
                default -> throw new MalformedBody("basic status must be 'open' or 'closed', got '" + MalformedBody.quote(basic) + "'");
            }
            if (note == null) {
                note = SafeXml.childText(tuple, "note");
            }
        }
        // RPID's <activities> sits in a <person> (or, from some phones, a tuple's status): look anywhere.
        var activities = root.getElementsByTagNameNS("*", "activities");
        for (int i = 0; i < activities.getLength() && activity == null; i++) {
            Element element = (Element) activities.item(i);
            if (element.getElementsByTagNameNS("*", "on-the-phone").getLength() > 0
                    || element.getElementsByTagNameNS("*", "busy").getLength() > 0) {
                activity = PresenceStatus.BUSY;
            } else if (element.getElementsByTagNameNS("*", "away").getLength() > 0) {
                activity = PresenceStatus.AWAY;
            }
        }
        PresenceStatus status = !open ? PresenceStatus.OFFLINE : activity != null ? activity : PresenceStatus.AVAILABLE;
        return new Lamp(status, Lamp.cleanNote(note));
    }
}
