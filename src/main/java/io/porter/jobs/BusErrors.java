package io.porter.jobs;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** Failure codes of event-bus requests; they match the HTTP status the API answers with. */
public final class BusErrors {

    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int GONE = 410;
    public static final int INTERNAL = 500;

    private BusErrors() {
    }

    public static ReplyException badRequest(String message) {
        return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, BAD_REQUEST, message);
    }

    public static ReplyException notFound(String what) {
        return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, NOT_FOUND, what + " not found");
    }

    public static ReplyException conflict(String message) {
        return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, CONFLICT, message);
    }
}
