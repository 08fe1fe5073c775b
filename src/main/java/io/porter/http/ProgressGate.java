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
        Long count = countOf(message);
        if (count != null && count < lastCount) {
            return null;
        }
        if (backedUp) {
            held = message;
            return null;
        }
        advanceTo(count);
        held = null;
        return message;
    }

    /** The held message once the socket can take it again, or null. */
    JsonObject drained() {
        JsonObject message = held;
        held = null;
        if (message != null) {
            advanceTo(countOf(message));
        }
        return message;
    }

    boolean ended() {
        return ended;
    }

    static boolean isTerminal(JsonObject message) {
        return message.getBoolean("terminal", false);
    }

    private void advanceTo(Long count) {
        if (count != null) {
            lastCount = count;
        }
    }

    /** Rows for imports, contacts for exports; a rollback's messages carry neither and are never stale. */
    private static Long countOf(JsonObject message) {
        Number count = message.getNumber("processedRows", message.getNumber("processedContacts"));
        return count == null ? null : count.longValue();
    }
}
