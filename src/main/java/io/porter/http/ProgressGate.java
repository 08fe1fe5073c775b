package io.porter.http;

import io.vertx.core.json.JsonObject;

/**
 * Decides which progress messages one watcher is sent. Counts only go forward (a message older than
 * one already sent is dropped); while the watcher's socket is backed up, only the latest message is
 * held, replacing any held before; the terminal message is always sent, and nothing after it.
 */
final class ProgressGate {

    private long lastCount = -1;
    private boolean ended;
    private JsonObject held;

    /** The message to send now, or null when it is dropped or held until the socket drains. */
    JsonObject offer(JsonObject message, boolean backedUp) {
        if (ended) {
            return null;
        }
        if (isTerminal(message)) {
            ended = true;
            held = null;
            return message;
        }
        long count = countOf(message);
        if (count < lastCount) {
            return null;
        }
        if (backedUp) {
            held = message;
            return null;
        }
        lastCount = count;
        held = null;
        return message;
    }

    /** The held message once the socket can take it again, or null. */
    JsonObject drained() {
        JsonObject message = held;
        held = null;
        if (message != null) {
            lastCount = countOf(message);
        }
        return message;
    }

    boolean ended() {
        return ended;
    }

    static boolean isTerminal(JsonObject message) {
        return message.getBoolean("terminal", false);
    }

    /** Rows for imports and rollbacks, contacts for exports. */
    private static long countOf(JsonObject message) {
        Number count = message.getNumber("processedRows", message.getNumber("processedContacts", 0));
        return count == null ? 0 : count.longValue();
    }
}
