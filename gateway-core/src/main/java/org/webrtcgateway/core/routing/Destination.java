package org.webrtcgateway.core.routing;

import org.webrtcgateway.core.api.Address;
import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.session.Session;

/** Where the router sends something addressed to {@link #address()}. */
public sealed interface Destination {

    Address address();

    /** A user logged in here (attached, or detached and waiting to be resumed). */
    record LocalUser(Address address, Session session) implements Destination {
    }

    /** An address a bridge owns. */
    record Bridged(Address address, Bridge bridge) implements Destination {
    }

    /** Nobody to hand it to: {@code unknown-peer} for a name nobody uses, {@code unreachable} for a scheme with no bridge. */
    record Nowhere(Address address, ErrorCode code, String message) implements Destination {
    }
}
