package org.webrtcgateway.xmpp.jingle.rtp;

import org.jivesoftware.smack.provider.ProviderManager;

import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;

import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFb;
import org.webrtcgateway.xmpp.jingle.rtcpfb.element.RtcpFbTrrInt;
import org.webrtcgateway.xmpp.jingle.rtcpfb.provider.RtcpFbProvider;
import org.webrtcgateway.xmpp.jingle.rtcpfb.provider.RtcpFbTrrIntProvider;
import org.webrtcgateway.xmpp.jingle.rtp.element.RtpDescription;
import org.webrtcgateway.xmpp.jingle.rtp.provider.RtpDescriptionProvider;

/** Makes Smack parse XEP-0167 descriptions and XEP-0293 feedback into this package's and rtcpfb's elements. */
public final class JingleRtp {

    private JingleRtp() {
    }

    /**
     * Registers the providers: the description with JingleContentProviderManager, which Smack's JingleProvider asks
     * for a content's description, and with ProviderManager too, for a description outside a Jingle IQ (XEP-0353's
     * propose); XEP-0293's elements with ProviderManager, which the description's and payload-type's parsing of
     * other namespaces' children asks. XEP-0167's children of the description are parsed by its provider directly.
     * <p>
     * Idempotent: it puts the same provider instances under the same keys, so calling it again changes nothing.
     * Registration is global to the JVM, as Smack's provider registries are.
     */
    public static void registerProviders() {
        JingleContentProviderManager.addJingleContentDescriptionProvider(RtpDescription.NAMESPACE,
                        RtpDescriptionProvider.INSTANCE);
        ProviderManager.addExtensionProvider(RtpDescription.ELEMENT, RtpDescription.NAMESPACE,
                        RtpDescriptionProvider.INSTANCE);
        ProviderManager.addExtensionProvider(RtcpFb.ELEMENT, RtcpFb.NAMESPACE, RtcpFbProvider.INSTANCE);
        ProviderManager.addExtensionProvider(RtcpFbTrrInt.ELEMENT, RtcpFbTrrInt.NAMESPACE, RtcpFbTrrIntProvider.INSTANCE);
    }
}
