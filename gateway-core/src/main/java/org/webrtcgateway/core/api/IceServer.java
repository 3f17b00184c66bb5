package org.webrtcgateway.core.api;

import java.util.List;

/** One entry of the browser's {@code RTCConfiguration.iceServers}, as sent in the login reply. */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
    }
}
