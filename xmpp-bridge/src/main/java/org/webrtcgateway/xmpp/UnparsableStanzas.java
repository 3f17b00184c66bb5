package org.webrtcgateway.xmpp;

import org.jivesoftware.smack.UnparseableStanza;
import org.jivesoftware.smack.parsing.ParsingExceptionCallback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webrtcgateway.core.log.RepeatedCondition;

/**
 * A stanza from the server that does not parse (a peer's malformed Jingle, say) is dropped, and the
 * connection kept: Smack's default would close it. Smack's own logging callback writes each one at
 * SEVERE with its stack trace, through java.util.logging to stderr, so any peer could fill the
 * journal; here it is one line a minute with the count, and the stanza itself at DEBUG.
 */
final class UnparsableStanzas implements ParsingExceptionCallback {

    private static final Logger log = LoggerFactory.getLogger(UnparsableStanzas.class);
    private static final RepeatedCondition dropped = RepeatedCondition.warn(log, "stanzas that do not parse were dropped");

    private final String account;

    UnparsableStanzas(String account) {
        this.account = account;
    }

    @Override
    public void handleUnparsableStanza(UnparseableStanza stanza) {
        Exception cause = stanza.getParsingException();
        dropped.occurred(account + ": " + cause);
        log.debug("{}: the stanza that did not parse: {}", account, stanza.getContent());
    }
}
