package org.webrtcgateway.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The one Jackson configuration of this protocol's frames, for {@link JsonDecoder} and {@link JsonEncoder} alike. */
final class ProtocolJson {

    /** A frame nested deeper than this is bad JSON: nothing in the protocol needs it, and a relayed {@code data} is never walked. */
    static final int MAX_NESTING_DEPTH = 64;

    private ProtocolJson() {
    }

    /** A new factory, so that none is shared beyond its owner: a factory is thread-safe to use but can be reconfigured. */
    static JsonFactory newFactory() {
        // Duplicate top-level fields are caught in FrameFields; Jackson's own detection costs a set per object.
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
    }
}
