package org.webrtcgateway.testing.contract;

/**
 * The other network's side of a bridge, driven by a test: a real peer where there is one (a SIP phone
 * behind a PBX, an XMPP client), an in-memory one for the in-memory bridge. Every method that waits
 * does so for a bounded time and fails the test when nothing comes.
 */
public interface FarSide {

    /** The address a browser dials to reach this side, e.g. {@code sip:1002@localhost}. */
    String address();

    /** The next call the gateway placed to this side. */
    FarCall nextCall();

    /** Calls the gateway user {@code user} with {@code offerSdp}; the call once the gateway took it. */
    FarCall call(String user, String offerSdp);

    /** Sends {@code text} to the gateway user {@code user}. */
    void message(String user, String text);

    /** The text of the next message this side received. */
    String nextMessage();

    /** Whether this network has presence the bridge carries (then {@link #setPresence} works). */
    default boolean hasPresence() {
        return false;
    }

    /** Sets this side's presence, for the browsers that follow it: {@code available}, {@code away}... */
    default void setPresence(String status) {
        throw new UnsupportedOperationException("no presence in this network");
    }
}
