package org.webrtcgateway.xmpp.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.webrtcgateway.xmpp.caps.GatewayFeatures;

/**
 * What the component says its users' JIDs can do, where a server would let each client say it: the XEP-0030
 * disco#info answer ({@link GatewayFeatures}' identity and features, with disco#info and caps themselves), and
 * the XEP-0115 {@code <c/>} that goes into their presence so peers need not ask. Smack computes a verification
 * string only inside a connection's manager; the one here follows XEP-0115 §5.1 for one identity and no forms,
 * and a test holds it against Smack's public verifier.
 */
final class ComponentDisco {

    static final String HASH = "sha-1";
    /** The domain itself is a service, not a user: XEP-0030's category for a server-side component. */
    static final DiscoverInfo.Identity DOMAIN_IDENTITY = new DiscoverInfo.Identity("component", "generic", "WebRTC gateway");
    static final String DISCO_INFO = DiscoverInfo.NAMESPACE;

    private final List<String> features;
    private final String ver;

    ComponentDisco(boolean jingleMessage) {
        TreeSet<String> all = new TreeSet<>(GatewayFeatures.announced(jingleMessage));
        all.add(DISCO_INFO);
        all.add(CapsExtension.NAMESPACE);
        this.features = List.copyOf(all);
        this.ver = verificationString(GatewayFeatures.IDENTITY, features);
    }

    List<String> features() {
        return features;
    }

    /** The {@code <c/>} of every available presence the component sends for a user. */
    CapsExtension caps() {
        return new CapsExtension(GatewayFeatures.CAPS_NODE, ver, HASH);
    }

    /** The answer to a user's disco#info: the features, for no node or for the caps node; item-not-found for others. */
    IQ answer(DiscoverInfo request) {
        String node = request.getNode();
        if (node != null && !node.equals(GatewayFeatures.CAPS_NODE + '#' + ver)) {
            return IQ.createErrorResponse(request, StanzaError.Condition.item_not_found);
        }
        DiscoverInfoBuilder answer = DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result)
                .addIdentity(GatewayFeatures.IDENTITY);
        features.forEach(answer::addFeature);
        return answer.build();
    }

    /** The answer for the component's own domain (clients ask the services their server lists): what it is, no more. */
    IQ answerForDomain(DiscoverInfo request) {
        if (request.getNode() != null) {
            return IQ.createErrorResponse(request, StanzaError.Condition.item_not_found);
        }
        return DiscoverInfoBuilder.buildResponseFor(request, IQ.ResponseType.result).addIdentity(DOMAIN_IDENTITY)
                .addFeature(DISCO_INFO).build();
    }

    /** XEP-0115 §5.1 for one identity and no extended forms: base64 of SHA-1 over "category/type/lang/name<" and each "feature<", sorted. */
    static String verificationString(DiscoverInfo.Identity identity, List<String> features) {
        StringBuilder s = new StringBuilder();
        s.append(identity.getCategory()).append('/').append(identity.getType()).append('/')
                .append(identity.getLanguage() == null ? "" : identity.getLanguage()).append('/')
                .append(identity.getName() == null ? "" : identity.getName()).append('<');
        for (String feature : new TreeSet<>(features)) {
            s.append(feature).append('<');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }
}
