package io.porter.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("What a progress watcher is sent: forward only, the latest while backed up, the terminal always")
class ProgressGateTest {

    private final ProgressGate gate = new ProgressGate();

    @Test
    @DisplayName("messages pass in order while the socket keeps up; an older count than one sent is dropped")
    void forwardOnly() {
        assertThat(gate.offer(running(100), false)).isNotNull();
        assertThat(gate.offer(running(300), false)).isNotNull();
        assertThat(gate.offer(running(200), false)).isNull();
        assertThat(gate.offer(running(300), false)).isNotNull();
    }

    @Test
    @DisplayName("while the socket is backed up only the latest message is held, and sent when it drains")
    void latestWinsWhileBackedUp() {
        gate.offer(running(100), false);
        assertThat(gate.offer(running(200), true)).isNull();
        assertThat(gate.offer(running(300), true)).isNull();
        assertThat(gate.drained().getLong("processedRows")).isEqualTo(300);
        assertThat(gate.drained()).isNull();
        assertThat(gate.offer(running(250), false)).isNull();
    }

    @Test
    @DisplayName("the terminal message goes out even when the socket is backed up, replaces what was held, and ends the stream")
    void terminalAlwaysSent() {
        gate.offer(running(100), true);
        JsonObject done = running(50).put("status", "cancelled").put("terminal", true);
        assertThat(gate.offer(done, true)).isSameAs(done);
        assertThat(gate.ended()).isTrue();
        assertThat(gate.drained()).isNull();
        assertThat(gate.offer(running(500), false)).isNull();
    }

    @Test
    @DisplayName("exports count processedContacts the same way")
    void exportsCountContacts() {
        assertThat(gate.offer(new JsonObject().put("processedContacts", 500), false)).isNotNull();
        assertThat(gate.offer(new JsonObject().put("processedContacts", 400), false)).isNull();
    }

    @Test
    @DisplayName("a rollback's messages, which carry no row count, are never taken for stale ones")
    void rollbackMessagesPass() {
        gate.offer(running(40_000), false);
        JsonObject rollingBack = new JsonObject().put("status", "rolling_back").put("terminal", false)
                .put("rollback", new JsonObject().put("deleted", 2000));
        assertThat(gate.offer(rollingBack, false)).isSameAs(rollingBack);
        assertThat(gate.offer(running(39_000), false)).isNull();
    }

    private static JsonObject running(long rows) {
        return new JsonObject().put("status", "processing").put("terminal", false).put("processedRows", rows);
    }
}
