package org.webrtcgateway.core.call;

import static java.util.Objects.requireNonNull;

import org.webrtcgateway.core.api.ErrorCode;
import org.webrtcgateway.core.api.RouteResult;
import org.webrtcgateway.core.protocol.RequestId;
import org.webrtcgateway.core.protocol.ServerMessage;
import org.webrtcgateway.core.session.Session;

/**
 * A {@code transfer} request whose reply waits for the far side's network (SIP: the NOTIFY that ends the REFER's
 * subscription): who asked, and the request id the reply must carry.
 */
record PendingTransfer(Session by, RequestId id) {

    PendingTransfer {
        requireNonNull(by, "by");
    }

    /** Replies with the bridge's verdict: {@code ok} (when the request had an id) or the refusal as {@code error}. */
    void answer(RouteResult result) {
        if (result instanceof RouteResult.Rejected rejected) {
            by.send(new ServerMessage.Error(id, rejected.code(), rejected.message()));
        } else if (id != null) {
            by.send(new ServerMessage.Ok(id, ServerMessage.NoResult.INSTANCE));
        }
    }

    /**
     * The call ended before the bridge said how the transfer went: done when it ended because of the transfer
     * ({@code transferred}), otherwise it failed with the call.
     */
    void answerEnded(String reason) {
        answer(CallService.REASON_TRANSFERRED.equals(reason) ? RouteResult.accepted()
                : RouteResult.rejected(ErrorCode.UNREACHABLE, "the call ended (" + (reason != null ? reason : "bye")
                        + ") before the transfer was confirmed"));
    }
}
