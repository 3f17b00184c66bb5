package org.webrtcgateway.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.webrtcgateway.core.api.IceServer;
import org.webrtcgateway.core.config.IceConfig;

/**
 * The {@code iceServers} a user gets at login. With a TURN shared secret, each user gets its own
 * time-limited credentials in the TURN REST API form that coturn's {@code use-auth-secret} checks:
 * user name {@code <expiry epoch seconds>:<name>}, password base64(HMAC-SHA1(secret, user name)).
 */
@Singleton
public final class IceServers {

    private final IceConfig config;
    private final Clock clock;

    @Inject
    public IceServers(IceConfig config) {
        this(config, Clock.systemUTC());
    }

    IceServers(IceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public List<IceServer> forUser(String name) {
        List<IceServer> servers = new ArrayList<>(2);
        if (!config.stunUrls().isEmpty()) {
            servers.add(new IceServer(config.stunUrls(), null, null));
        }
        if (!config.turnUrls().isEmpty()) {
            if (config.turnSecret() != null) {
                long expiry = clock.instant().plus(config.turnCredentialTtl()).getEpochSecond();
                String username = expiry + ":" + name;
                servers.add(new IceServer(config.turnUrls(), username, hmacSha1(config.turnSecret(), username)));
            } else {
                servers.add(new IceServer(config.turnUrls(), config.turnUsername(), config.turnPassword()));
            }
        }
        return servers;
    }

    static String hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
