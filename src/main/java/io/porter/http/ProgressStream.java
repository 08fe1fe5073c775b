package io.porter.http;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket watching one job. Messages that arrive before the socket is open (between the
 * request and the upgrade) are kept, the latest only, so none is lost to the race; after that each
 * goes through a {@link ProgressGate}, and the terminal one is followed by a close with code 1000.
 */
final class ProgressStream {

    static final short NORMAL_CLOSURE = 1000;

    private final String jobId;
    private final String tenantId;
    private final ProgressGate gate = new ProgressGate();
    private ServerWebSocket socket;
    private JsonObject early;

    ProgressStream(String jobId, String tenantId) {
        this.jobId = jobId;
        this.tenantId = tenantId;
    }

    String jobId() {
        return jobId;
    }

    /** Opens the stream with the job's current state, then whatever arrived meanwhile. */
    void open(ServerWebSocket socket, JsonObject state) {
        this.socket = socket;
        socket.drainHandler(v -> send(gate.drained()));
        offer(state);
        if (early != null) {
            offer(early);
            early = null;
        }
    }

    /** A progress message of this job (from the bus). */
    void offer(JsonObject message) {
        if (!tenantId.equals(message.getString("tenantId"))) {
            return;
        }
        if (socket == null) {
            if (early == null || !ProgressGate.isTerminal(early)) {
                early = message;
            }
            return;
        }
        send(gate.offer(message, socket.writeQueueFull()));
    }

    boolean ended() {
        return gate.ended();
    }

    private void send(JsonObject message) {
        if (message == null || socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(message.encode());
        if (ProgressGate.isTerminal(message)) {
            socket.close(NORMAL_CLOSURE, "job finished");
        }
    }
}
