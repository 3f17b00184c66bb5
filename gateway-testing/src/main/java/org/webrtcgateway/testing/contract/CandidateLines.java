package org.webrtcgateway.testing.contract;

/**
 * Compares ICE candidate lines as ICE does: by what they name. A network that carries candidates in its own form
 * (Jingle's XEP-0176 always has a generation) may add the extension attributes RFC 8839 allows (generation, network-id,
 * network-cost) when it writes a candidate back as a line; the candidate is the same.
 */
public final class CandidateLines {

    private CandidateLines() {
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && core(a).equals(core(b));
    }

    private static String core(String line) {
        String value = line.strip();
        if (value.startsWith("a=")) {
            value = value.substring(2);
        }
        return value.replaceAll(" (generation|network-id|network-cost|ufrag) \\S+", "");
    }
}
