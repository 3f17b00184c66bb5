package org.webrtcgateway.xmpp.jingle.iceudp;

import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;
import org.webrtcgateway.xmpp.jingle.dtls.element.DtlsFingerprint;
import org.webrtcgateway.xmpp.jingle.dtls.provider.DtlsFingerprintProvider;
import org.webrtcgateway.xmpp.jingle.iceudp.element.IceUdpTransport;
import org.webrtcgateway.xmpp.jingle.iceudp.provider.IceUdpTransportProvider;

/**
 * Registers the Jingle transport providers with Smack's static registries: XEP-0176's ICE-UDP transport with
 * JingleContentProviderManager (where Smack's JingleProvider looks for transports) and XEP-0320's fingerprint with
 * ProviderManager (where the transport's provider looks for its other children). Smack's own extensions.providers
 * file knows neither.
 */
public final class JingleTransports {

    private JingleTransports() {
    }

    /**
     * Idempotent: each call puts the same provider instances under the same keys, so the bridge calls it at start
     * and the tests as often as they like. Call it before connections parse stanzas: ProviderManager replaces a
     * provider by removing it and then adding it, and a parse at that moment would miss the fingerprint provider.
     */
    public static void registerProviders() {
        JingleContentProviderManager.addJingleContentTransportProvider(IceUdpTransport.NAMESPACE,
                IceUdpTransportProvider.INSTANCE);
        ProviderManager.addExtensionProvider(DtlsFingerprint.ELEMENT, DtlsFingerprint.NAMESPACE,
                DtlsFingerprintProvider.INSTANCE);
    }
}
