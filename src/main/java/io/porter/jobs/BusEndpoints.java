package io.porter.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Serves a request address of the bus API: decodes the {@link BusRequest}, replies with the answer,
 * and turns failures into {@link BusErrors} codes, so a caller gets an answer, never a timeout.
 */
public final class BusEndpoints {

    private static final Logger log = LoggerFactory.getLogger(BusEndpoints.class);

    private BusEndpoints() {
    }

    public static MessageConsumer<JsonObject> serve(Vertx vertx, String address,
                                                    Function<BusRequest, Future<JsonObject>> handler) {
        return vertx.eventBus().consumer(address, message -> answer(message, handler));
    }

    private static void answer(Message<JsonObject> message, Function<BusRequest, Future<JsonObject>> handler) {
        Future<JsonObject> reply;
        try {
            // Senders may put anything on an address (a string, a buffer): read the body untyped first.
            if (!(((Message<?>) message).body() instanceof JsonObject envelope)) {
                throw BusErrors.badRequest("a request is a JSON object {\"tenantId\", \"userId\", \"body\"}");
            }
            reply = handler.apply(BusRequest.fromJson(envelope));
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onSuccess(message::reply).onFailure(failure -> {
            if (failure instanceof ReplyException replyException) {
                message.fail(replyException.failureCode(), replyException.getMessage());
            } else {
                log.error("{} failed", message.address(), failure);
                message.fail(BusErrors.INTERNAL, "internal error");
            }
        });
    }
}
