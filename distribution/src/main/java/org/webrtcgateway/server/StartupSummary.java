package org.webrtcgateway.server;

import java.util.List;
import java.util.Set;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;

import org.webrtcgateway.core.api.Bridge;
import org.webrtcgateway.core.config.AuthConfig;
import org.webrtcgateway.core.config.Settings;
import org.webrtcgateway.websocket.WebSocketConfig;

/** The start-up log's line of what an operator checks first: who may log in, TLS, which bridges are on. */
final class StartupSummary {

    private StartupSummary() {
    }

    static String of(Settings settings, Injector injector) {
        Set<Bridge> bridges = injector.getInstance(Key.get(new TypeLiteral<Set<Bridge>>() { }));
        return auth(AuthConfig.from(settings)) + "; " + tls(WebSocketConfig.from(settings)) + "; " + bridges(bridges);
    }

    static String auth(AuthConfig auth) {
        List<String> keys = new java.util.ArrayList<>();
        if (auth.jwtSecret() != null) {
            keys.add("HMAC secret");
        }
        if (auth.jwtPublicKey() != null) {
            keys.add("public key " + auth.jwtPublicKey());
        }
        if (auth.jwksFile() != null) {
            keys.add("JWKS file " + auth.jwksFile());
        }
        if (auth.jwksUrl() != null) {
            keys.add("JWKS " + auth.jwksUrl());
        }
        if (!keys.isEmpty()) {
            return "auth: login tokens required (" + String.join(", ", keys) + ")";
        }
        return "auth: none (anyone may log in under any free name; set auth.jwt-secret, auth.jwt-public-key or auth.jwks-file/-url)";
    }

    static String tls(WebSocketConfig websocket) {
        return websocket.tls() ? "TLS: on (" + websocket.tlsCertificate() + ")"
                : "TLS: off (ws://: terminate TLS in front, or set websocket.tls-certificate)";
    }

    static String bridges(Set<Bridge> bridges) {
        List<String> on = bridges.stream().filter(Bridge::enabled).map(Bridge::name).sorted().toList();
        List<String> off = bridges.stream().filter(bridge -> !bridge.enabled()).map(Bridge::name).sorted().toList();
        return "bridges: " + (on.isEmpty() ? "none" : String.join(", ", on))
                + (off.isEmpty() ? "" : " (off: " + String.join(", ", off) + ")");
    }
}
