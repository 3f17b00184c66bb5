package org.webrtcgateway.bench;

/** A browser-like audio+video offer of about 3 KB, the size the load generator's SDP payload has. */
final class Sdp {

    private Sdp() {
    }

    static String offer() {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n");
        sdp.append("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:EsAw\r\na=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r\na=ice-options:trickle\r\n"
                + "a=fingerprint:sha-256 DA:7B:57:DC:28:CE:04:4F:31:79:85:C4:31:67:EB:27:58:29:ED:77:2A:0D:24:AE:ED:AC:30:A8:12:4D:1E:2E\r\n"
                + "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n");
        sdp.append("m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:EsAw\r\na=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r\na=ice-options:trickle\r\na=setup:actpass\r\na=mid:1\r\n");
        for (int pt = 96; pt <= 102; pt++) {
            sdp.append("a=rtpmap:").append(pt).append(" VP8/90000\r\na=rtcp-fb:").append(pt).append(" goog-remb\r\na=rtcp-fb:")
                    .append(pt).append(" transport-cc\r\na=rtcp-fb:").append(pt).append(" ccm fir\r\na=rtcp-fb:").append(pt)
                    .append(" nack\r\na=rtcp-fb:").append(pt).append(" nack pli\r\n");
        }
        while (sdp.length() < 3000) {
            sdp.append("a=ssrc:1001 cname:4TOk42mSjXCkVIa6\r\n");
        }
        return sdp.toString();
    }
}
