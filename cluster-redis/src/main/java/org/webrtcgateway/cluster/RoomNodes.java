package org.webrtcgateway.cluster;

import io.lettuce.core.ScriptOutputType;

/** How many members of a room each node has, which decides where room messages go: changed when a member moves. */
final class RoomNodes {

    private final RedisStore store;
    private final ClusterConfig config;

    RoomNodes(RedisStore store, ClusterConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A member of {@code room} came to this node ({@code +1}) or left it for another ({@code -1}). */
    void moved(String room, int delta) {
        moved(room, config.nodeId(), delta);
    }

    void moved(String room, String node, int delta) {
        store.run(RedisStore.Script.ROOM_NODE, ScriptOutputType.INTEGER, config.keyPrefix(), room, node, String.valueOf(delta));
    }
}
