package org.webrtcgateway.sip.testing;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * A test's SIP listener: it handles requests, and overrides only the other events it cares about (JAIN-SIP's
 * interface has no defaults, so each test peer would otherwise write five empty methods).
 */
public interface RequestListener extends SipListener {

    @Override
    default void processResponse(ResponseEvent event) {
    }

    @Override
    default void processTimeout(TimeoutEvent event) {
    }

    @Override
    default void processIOException(IOExceptionEvent event) {
    }

    @Override
    default void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    default void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
