package org.webrtcgateway.core.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A token's three parts (RFC 7515 compact form), each checked to be canonical base64url before any
 * library sees it: java-jwt's decoder accepts padding and stray trailing bits, so one signature would
 * have many spellings, and a token that a cache or a deny list keyed by its text could be replayed
 * under another.
 */
record CompactJws(String alg, String kid, JsonNode header) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    static CompactJws parse(String token) throws TokenRefused {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token is not a JWT (it must be three base64url parts joined by dots)");
        }
        byte[] headerBytes = canonical(parts[0], "header");
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's header is not a JSON object");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's header names no algorithm ('alg')");
        }
        if (alg.asText().equalsIgnoreCase("none")) {
            throw new TokenRefused(TokenRefusal.ALGORITHM, "the token's algorithm is not allowed: it is unsigned ('none')");
        }
        if (header.has("crit")) {
            // RFC 7515 4.1.11: a token that marks an extension critical must be refused by whoever does
            // not implement it, and this gateway implements none (b64, for one, would change what is signed).
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token requires header extensions this gateway does not know ('crit')");
        }
        canonical(parts[1], "payload");
        if (parts[2].isEmpty()) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token has no signature");
        }
        canonical(parts[2], "signature");
        JsonNode kid = header.get("kid");
        if (kid != null && !kid.isTextual()) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's key id ('kid') is not a string");
        }
        return new CompactJws(alg.asText(), kid == null ? null : kid.asText(), header);
    }

    /** The part decoded; refused unless it is exactly how an encoder writes those bytes (no '=', no stray bits). */
    private static byte[] canonical(String part, String what) throws TokenRefused {
        if (part.isEmpty() || !BASE64URL.matcher(part).matches() || part.length() % 4 == 1) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's " + what + " is not canonical base64url");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(part);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
            throw new TokenRefused(TokenRefusal.MALFORMED, "the token's " + what + " is not canonical base64url");
        }
        return bytes;
    }
}
