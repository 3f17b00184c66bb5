package org.webrtcgateway.websocket.tls;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and the private key of its first certificate, read from PEM and checked to belong
 * together. The check matters because the two come from two files written one after the other (certbot
 * swaps {@code fullchain.pem} and {@code privkey.pem} one at a time): a new certificate with the old key
 * would fail every handshake, so such a pair is refused and the one in use stays.
 *
 * <p>RSA and EC keys, the two kinds Mozilla's "intermediate" configuration names and the JDK's TLS
 * serves with every suite of {@link TlsPolicy}.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {

    private static final Pattern CERTIFICATE = block("CERTIFICATE");
    private static final Pattern PKCS8_KEY = block("PRIVATE KEY");
    private static final Pattern ANY_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    /** Signed with the key and verified with the certificate: proof that they are one pair. */
    private static final byte[] CHALLENGE = "webrtc-gateway: does this key belong to this certificate?"
            .getBytes(StandardCharsets.US_ASCII);

    public ServerCertificate {
        chain = List.copyOf(chain);
        requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one certificate");
        }
    }

    /**
     * Reads and checks a pair.
     *
     * @param chainPem the PEM certificate chain, the server's own certificate first
     * @param keyPem   its PKCS#8 PEM private key, unencrypted
     * @throws UnusableCertificate saying what is wrong, in words an operator can act on
     */
    public static ServerCertificate read(byte[] chainPem, byte[] keyPem) throws UnusableCertificate {
        List<X509Certificate> chain = certificates(new String(chainPem, StandardCharsets.US_ASCII));
        PrivateKey key = privateKey(new String(keyPem, StandardCharsets.US_ASCII));
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf.getPublicKey())) {
            throw new UnusableCertificate("the private key does not belong to the certificate "
                    + leaf.getSubjectX500Principal().getName() + " (serial " + serial(leaf.getSerialNumber())
                    + "; the certificate file must start with the server's own certificate, and the key be its key)");
        }
        return new ServerCertificate(chain, key);
    }

    /** The server's own certificate, the one browsers check against the host name. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** For the log: subject, serial, end of validity and key, e.g. {@code CN=gw.example.org, serial 03F1..., valid until ...}. */
    public String describe() {
        X509Certificate leaf = leaf();
        return leaf.getSubjectX500Principal().getName() + ", serial " + serial(leaf.getSerialNumber())
                + ", valid until " + notAfter() + ", " + keyDescription(key);
    }

    /** A serial number as {@code openssl x509 -noout -serial} shows it (hexadecimal bytes), so that the two can be compared. */
    public static String serial(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static List<X509Certificate> certificates(String pem) throws UnusableCertificate {
        List<X509Certificate> chain = new ArrayList<>();
        Matcher block = CERTIFICATE.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(block.group(1)))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnusableCertificate("certificate " + (chain.size() + 1) + " of the chain is not a valid X.509 certificate ("
                    + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new UnusableCertificate("the certificate file holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
                    + found(pem));
        }
        return chain;
    }

    private static PrivateKey privateKey(String pem) throws UnusableCertificate {
        Matcher block = PKCS8_KEY.matcher(pem);
        if (!block.find()) {
            throw new UnusableCertificate("the key file holds no unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)"
                    + found(pem) + convert(pem));
        }
        byte[] der;
        try {
            der = decode(block.group(1));
        } catch (IllegalArgumentException e) {
            throw new UnusableCertificate("the private key is not valid base64 (" + e.getMessage() + ")");
        }
        // The JDK reads PKCS#8 but will not say which algorithm it holds: each factory refuses the others' keys.
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisOne) {
                // the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + algorithm + " key factory", e);
            }
        }
        throw new UnusableCertificate("the private key is neither an RSA nor an EC key");
    }

    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // e.g. an EC key on another curve than the certificate's: not the same pair
            return false;
        }
    }

    private static String keyDescription(PrivateKey key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return key.getAlgorithm();
    }

    private static String found(String pem) {
        Matcher other = ANY_BLOCK.matcher(pem);
        return other.find() ? "; it holds " + other.group(1) : "";
    }

    private static String convert(String pem) {
        return pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                || pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                ? " (convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8)" : "";
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private static Pattern block(String type) {
        return Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]*)-----END " + type + "-----");
    }
}
