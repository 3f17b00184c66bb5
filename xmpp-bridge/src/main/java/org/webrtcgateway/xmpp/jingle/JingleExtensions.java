package org.webrtcgateway.xmpp.jingle;

import org.jivesoftware.smack.provider.ProviderManager;
import org.webrtcgateway.xmpp.jingle.grouping.provider.GroupingProviders;
import org.webrtcgateway.xmpp.jingle.hdrext.provider.RtpHeaderExtensionProviders;
import org.webrtcgateway.xmpp.jingle.iceudp.JingleTransports;
import org.webrtcgateway.xmpp.jingle.jmi.provider.JingleMessageProviders;
import org.webrtcgateway.xmpp.jingle.rtp.JingleRtp;
import org.webrtcgateway.xmpp.jingle.ssma.provider.SourceSpecificMediaProviders;

/**
 * The one registration the bridge makes: the bridge's {@code <jingle/>} IQ parser in place of Smack's, every
 * Jingle extension provider of these packages and XEP-0353's message payloads, with Smack's global registries. The
 * per-XEP registrations it calls stay for the tests of each XEP.
 */
public final class JingleExtensions {

    private JingleExtensions() {
    }

    /**
     * Idempotent, as each registration it calls is. Call it before any connection parses stanzas: Smack's
     * ProviderManager replaces a provider by removing it and then adding it, and a parse at that moment would miss
     * it. (Smack's own providers are loaded before any registration, so this one replacing Smack's Jingle IQ
     * provider stays replaced.)
     */
    public static void registerAll() {
        JingleRtp.registerProviders();
        RtpHeaderExtensionProviders.register();
        SourceSpecificMediaProviders.register();
        GroupingProviders.register();
        JingleTransports.registerProviders();
        JingleMessageProviders.register();
        ProviderManager.addIQProvider(JingleIq.ELEMENT, JingleIq.NAMESPACE, JingleIqProvider.INSTANCE);
    }
}
