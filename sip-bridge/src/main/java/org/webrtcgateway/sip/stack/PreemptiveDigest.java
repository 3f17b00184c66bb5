package org.webrtcgateway.sip.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;

/**
 * Answers a proxy's digest challenge before it is made: every PBX challenges every INVITE, so
 * without this each outgoing call costs INVITE, 407, ACK and the INVITE again, one round trip of
 * call set-up time and twice the proxy's work. The last challenge an account answered is kept for
 * {@link #LIFETIME} (below the 30 s nonce lifetime of Kamailio's and Asterisk's defaults), and the
 * next INVITE or MESSAGE from that account carries credentials for it (RFC 7616 3.4 with MD5, and
 * {@code qop=auth} with a counted {@code nc} when the challenge offered it). A proxy that no longer
 * takes the nonce challenges again (stale), which the ordinary retry answers (JAIN-SIP's helper
 * replaces these headers then). Written here because JAIN-SIP caches credentials per Call-ID only and
 * keeps its digest function package-private.
 */
final class PreemptiveDigest {

    static final Duration LIFETIME = Duration.ofSeconds(20);

    private record Challenge(boolean proxy, String realm, String nonce, String opaque, boolean qopAuth,
                             long rememberedAt, AtomicInteger nonceCount) {
    }

    private final HeaderFactory headers;
    private final LongSupplier nanoClock;
    private final Map<String, Challenge> byAccount = new ConcurrentHashMap<>();

    PreemptiveDigest(HeaderFactory headers, LongSupplier nanoClock) {
        this.headers = headers;
        this.nanoClock = nanoClock;
    }

    /** Whether requests of this method get pre-emptive credentials (those a proxy challenges per request). */
    static boolean appliesTo(String method) {
        return Request.INVITE.equals(method) || Request.MESSAGE.equals(method);
    }

    /** Keeps the MD5 challenge an account's request was answered with; others (SHA-256, auth-int only) are not kept. */
    void remember(String aor, WWWAuthenticateHeader challenge) {
        String algorithm = challenge.getAlgorithm();
        String qop = challenge.getQop();
        boolean qopAuth = qop != null && qopValues(qop).contains("auth");
        if ((algorithm != null && !algorithm.equalsIgnoreCase("MD5")) || (qop != null && !qopAuth)
                || challenge.getNonce() == null || challenge.getRealm() == null) {
            byAccount.remove(aor);
            return;
        }
        byAccount.put(aor, new Challenge(challenge instanceof ProxyAuthenticateHeader, challenge.getRealm(),
                challenge.getNonce(), challenge.getOpaque(), qopAuth, nanoClock.getAsLong(), new AtomicInteger()));
    }

    /** Adds credentials for the account's last challenge to {@code request}, if there is a fresh one. */
    void apply(String aor, String authUser, String password, Request request) {
        Challenge c = byAccount.get(aor);
        if (c == null || authUser == null || password == null) {
            return;
        }
        if (nanoClock.getAsLong() - c.rememberedAt() > LIFETIME.toNanos()) {
            byAccount.remove(aor, c);
            return;
        }
        try {
            request.addHeader(header(c, authUser, password, request));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build pre-emptive credentials", e);
        }
    }

    /** Forgets an account's challenge (its credentials were refused). */
    void forget(String aor) {
        byAccount.remove(aor);
    }

    private AuthorizationHeader header(Challenge c, String user, String password, Request request) throws ParseException {
        String uri = request.getRequestURI().toString();
        AuthorizationHeader h = c.proxy() ? headers.createProxyAuthorizationHeader("Digest") : headers.createAuthorizationHeader("Digest");
        h.setUsername(user);
        h.setRealm(c.realm());
        h.setNonce(c.nonce());
        h.setURI(request.getRequestURI());
        h.setAlgorithm("MD5");
        if (c.opaque() != null) {
            h.setOpaque(c.opaque());
        }
        String ha1 = md5(user + ":" + c.realm() + ":" + password);
        String ha2 = md5(request.getMethod() + ":" + uri);
        if (c.qopAuth()) {
            int nc = c.nonceCount().incrementAndGet();
            String ncText = String.format(Locale.ROOT, "%08x", nc);
            String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
            h.setQop("auth");
            h.setNonceCount(nc);
            h.setCNonce(cnonce);
            h.setResponse(md5(ha1 + ":" + c.nonce() + ":" + ncText + ":" + cnonce + ":auth:" + ha2));
        } else {
            h.setResponse(md5(ha1 + ":" + c.nonce() + ":" + ha2));
        }
        return h;
    }

    private static List<String> qopValues(String qop) {
        return Arrays.stream(qop.split(",")).map(String::trim).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
