package org.webrtcgateway.xmpp.jingle.jmi.provider;

import org.jivesoftware.smack.provider.ProviderManager;
import org.webrtcgateway.xmpp.jingle.jmi.element.JingleMessage;

/**
 * Registers {@link JingleMessageProvider} with Smack's {@link ProviderManager} under each of the seven XEP-0353 element
 * names, so that a received {@code <message/>} carries a {@link JingleMessage} rather than a generic element. Other
 * names of the namespace stay generic: {@link JingleMessage#from} then finds nothing.
 */
public final class JingleMessageProviders {

    private JingleMessageProviders() {
    }

    /** Idempotent: the same instance under the same names each time. Global to the JVM, as the registry is. */
    public static void register() {
        for (JingleMessage.Action action : JingleMessage.Action.values()) {
            ProviderManager.addExtensionProvider(action.name(), JingleMessage.NAMESPACE,
                    JingleMessageProvider.INSTANCE);
        }
    }
}
