package io.meshgate.replication;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.common.KafkaFuture;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns Kafka's futures into Vert.x futures completed on the caller's context, never on a Kafka client thread. */
public final class KafkaFutures {

    private KafkaFutures() {
    }

    public static <T> Future<T> on(Vertx vertx, KafkaFuture<T> kafkaFuture) {
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        kafkaFuture.whenComplete((value, failure) -> context.runOnContext(v -> {
            if (failure == null) {
                promise.complete(value);
            } else {
                promise.fail(unwrap(failure));
            }
        }));
        return promise.future();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
