package org.webrtcgateway.xmpp.jingle.hdrext.provider;

import org.jivesoftware.smack.provider.ProviderManager;
import org.webrtcgateway.xmpp.jingle.hdrext.element.ExtmapAllowMixed;
import org.webrtcgateway.xmpp.jingle.hdrext.element.RtpHeaderExtension;

/**
 * Registers the XEP-0294 providers with Smack's {@link ProviderManager}, so that a {@code <description/>} parser
 * handing its unknown children to {@code PacketParserUtils.parseExtensionElement} gets these elements rather than
 * generic ones.
 */
public final class RtpHeaderExtensionProviders {

    private RtpHeaderExtensionProviders() {
    }

    /**
     * Idempotent: it puts the same provider instances under the same names each time. Call it before the first
     * stanza is parsed; the registry is global to the JVM.
     */
    public static void register() {
        ProviderManager.addExtensionProvider(RtpHeaderExtension.ELEMENT, RtpHeaderExtension.NAMESPACE,
                RtpHeaderExtensionProvider.INSTANCE);
        ProviderManager.addExtensionProvider(ExtmapAllowMixed.ELEMENT, ExtmapAllowMixed.NAMESPACE,
                ExtmapAllowMixedProvider.INSTANCE);
    }
}
