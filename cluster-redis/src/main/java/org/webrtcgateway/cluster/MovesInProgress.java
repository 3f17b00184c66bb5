package org.webrtcgateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sessions this node is taking over from another node. From just before the takeover script until the session is
 * registered here, inbox entries for its user wait (the takeover sends every later signal here, and they must come
 * after what the old node hands over); the old node's handover completes the move's future.
 */
final class MovesInProgress {

    /** One move: the entries that waited, and the old node's handover (the messages that waited for the client). */
    static final class Move {
        final CompletableFuture<List<String>> handedOver = new CompletableFuture<>();
        private final List<Map<String, String>> waiting = new ArrayList<>();
    }

    private final Map<String, Move> moves = new ConcurrentHashMap<>();

    Move begin(String name) {
        Move move = new Move();
        moves.put(name, move);
        return move;
    }

    /** Keeps {@code entry} for {@code name} if a move of that user is under way; false when none is. */
    boolean holdIfMoving(String name, Map<String, String> entry) {
        Move move = moves.get(name);
        if (move == null) {
            return false;
        }
        synchronized (move) {
            if (moves.get(name) != move) {
                return false; // finished meanwhile
            }
            move.waiting.add(entry);
            return true;
        }
    }

    /** The old node's handover for {@code name} arrived. */
    void handedOver(String name, List<String> queued) {
        Move move = moves.get(name);
        if (move != null) {
            move.handedOver.complete(queued);
        }
    }

    /** The session is registered: {@code first} (entries queued for it in the cluster), then what waited, go to {@code dispatch}. */
    void finish(String name, Move move, List<Map<String, String>> first, Consumer<Map<String, String>> dispatch) {
        synchronized (move) {
            first.forEach(dispatch);
            move.waiting.forEach(dispatch);
            move.waiting.clear();
            moves.remove(name, move);
        }
    }

    /** The move did not happen (no such session): what waited goes on as if none had begun. */
    void abandon(String name, Move move, Consumer<Map<String, String>> dispatch) {
        finish(name, move, List.of(), dispatch);
    }
}
