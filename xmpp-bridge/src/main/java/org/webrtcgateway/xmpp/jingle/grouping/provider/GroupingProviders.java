package org.webrtcgateway.xmpp.jingle.grouping.provider;

import org.jivesoftware.smack.provider.ProviderManager;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;

/**
 * Registers the XEP-0338 provider with Smack's {@link ProviderManager}, so that a parser handing its unknown children
 * to {@code PacketParserUtils.parseExtensionElement} gets a {@link ContentGroup} rather than a generic element.
 *
 * <p>That parser must be the bridge's own {@code <jingle/>} one: Smack 4.4.8's {@code JingleProvider} never hands
 * over the children of {@code <jingle/>} it does not know, it drops them.
 */
public final class GroupingProviders {

    private GroupingProviders() {
    }

    /**
     * Idempotent: it puts the same provider instance under the same name each time. Call it before the first stanza
     * is parsed; the registry is global to the JVM.
     */
    public static void register() {
        ProviderManager.addExtensionProvider(ContentGroup.ELEMENT, ContentGroup.NAMESPACE,
                ContentGroupProvider.INSTANCE);
    }
}
