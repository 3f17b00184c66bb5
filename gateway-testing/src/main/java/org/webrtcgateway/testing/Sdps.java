package org.webrtcgateway.testing;

/** SDPs for tests that need an offer or answer but not a browser's. */
public final class Sdps {

    /** One audio stream (Opus), no candidates of its own: an SDP any bridge can carry into its network. */
    public static final String ONE_AUDIO_STREAM = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n";

    private Sdps() {
    }
}
