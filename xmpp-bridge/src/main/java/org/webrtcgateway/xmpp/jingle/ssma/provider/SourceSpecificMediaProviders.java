package org.webrtcgateway.xmpp.jingle.ssma.provider;

import org.jivesoftware.smack.provider.ProviderManager;
import org.webrtcgateway.xmpp.jingle.ssma.element.MediaSource;
import org.webrtcgateway.xmpp.jingle.ssma.element.SsrcGroup;

/**
 * Registers the XEP-0339 providers with Smack's {@link ProviderManager}, so that a {@code <description/>} parser
 * handing its unknown children to {@code PacketParserUtils.parseExtensionElement} gets these elements rather than
 * generic ones.
 */
public final class SourceSpecificMediaProviders {

    private SourceSpecificMediaProviders() {
    }

    /**
     * Idempotent: it puts the same provider instances under the same names each time. Call it before the first
     * stanza is parsed; the registry is global to the JVM.
     */
    public static void register() {
        ProviderManager.addExtensionProvider(MediaSource.ELEMENT, MediaSource.NAMESPACE,
                MediaSourceProvider.INSTANCE);
        ProviderManager.addExtensionProvider(SsrcGroup.ELEMENT, SsrcGroup.NAMESPACE, SsrcGroupProvider.INSTANCE);
    }
}
