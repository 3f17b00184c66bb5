package org.webrtcgateway.sip.stack;

import javax.sip.ResponseEvent;

/**
 * Whoever sent a request and wants its outcome: attached to the client transaction, called on the
 * bridge thread.
 */
public interface ClientHandler {

    void onResponse(ResponseEvent event);

    /** No final response in time (transaction timeout), or the request could not be sent at all. */
    void onFailure(String reason);
}
