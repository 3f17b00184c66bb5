package org.webrtcgateway.xmpp.sdp;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.FullyQualifiedElement;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.webrtcgateway.xmpp.jingle.grouping.element.ContentGroup;

/**
 * What an SDP offer or answer becomes in a session-initiate or session-accept: the XEP-0338 groups, the contents in
 * m-line order, and the SDP attributes that had no place in Jingle (so callers can log what the peer will not see).
 *
 * @param unmapped {@code mid: a=line} for each attribute the translation left out, in SDP order
 */
public record JingleSessionContents(List<ContentGroup> groups, List<JingleContent> contents, List<String> unmapped) {

    public JingleSessionContents {
        groups = List.copyOf(groups);
        contents = List.copyOf(contents);
        unmapped = List.copyOf(unmapped);
    }

    /** The {@code <jingle/>} children: groups first (XEP-0338's examples), then the contents. */
    public List<FullyQualifiedElement> children() {
        List<FullyQualifiedElement> children = new ArrayList<>(groups);
        children.addAll(contents);
        return children;
    }
}
