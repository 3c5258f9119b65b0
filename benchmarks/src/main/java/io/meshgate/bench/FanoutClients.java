package io.meshgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The benchmark's subscribers: real WebSockets from one Vert.x instance in this JVM to the gateway under test,
 * each subscribing to the stream from {@code latest}. Opened a bounded number at a time, like clients arriving,
 * rather than in one storm of handshakes.
 */
final class FanoutClients implements AutoCloseable {

    /** Handshakes in flight at once. */
    private static final int CONNECTING_AT_ONCE = 32;
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client;
    private final FanoutTally tally = new FanoutTally();
    private final List<FanoutSubscriber> subscribers = new ArrayList<>();
    private final GatewayChild gateway;
    private final String stream;
    private final int partitions;
    private final int expectedPerSubscriber;

    FanoutClients(GatewayChild gateway, String stream, int maxSubscribers, int partitions, int expectedPerSubscriber) {
        this.gateway = gateway;
        this.stream = stream;
        this.partitions = partitions;
        this.expectedPerSubscriber = expectedPerSubscriber;
        // Vert.x pools WebSocket connections per host, 50 by default: every subscriber needs one of its own.
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(maxSubscribers + CONNECTING_AT_ONCE));
    }

    FanoutTally tally() {
        return tally;
    }

    int size() {
        return subscribers.size();
    }

    /** Opens {@code count} more subscribers and returns once the gateway confirmed every one of them. */
    void open(int count) {
        int from = subscribers.size();
        AtomicInteger next = new AtomicInteger(from);
        List<FanoutSubscriber> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> lanes = IntStream.range(0, Math.min(CONNECTING_AT_ONCE, count))
                .mapToObj(lane -> openNext(next, from + count, opened)).toList();
        BenchFutures.await(Future.all(lanes), OPEN_TIMEOUT, "opening " + count + " subscribers");
        opened.sort(java.util.Comparator.comparingInt(FanoutSubscriber::index));
        subscribers.addAll(opened);
    }

    private Future<Void> openNext(AtomicInteger next, int until, List<FanoutSubscriber> opened) {
        int index = next.getAndIncrement();
        if (index >= until) {
            return Future.succeededFuture();
        }
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/v1/streams/" + stream + "/subscribe?from=latest&credit=" + FanoutSubscriber.INITIAL_CREDIT);
        return client.connect(connect)
                .compose(socket -> {
                    FanoutSubscriber subscriber = new FanoutSubscriber(index, socket, tally, partitions, expectedPerSubscriber);
                    opened.add(subscriber);
                    return subscriber.subscribed();
                })
                .compose(v -> openNext(next, until, opened));
    }

    /** What every subscriber saw, in subscriber order. */
    List<FanoutSubscriber.Result> results() {
        List<Future<FanoutSubscriber.Result>> results = subscribers.stream().map(FanoutSubscriber::result).toList();
        BenchFutures.await(Future.all(results), CLOSE_TIMEOUT, "collecting the subscribers' results");
        return results.stream().map(Future::result).toList();
    }

    /** Closes every subscriber's socket, then the client side's Vert.x. */
    @Override
    public void close() {
        try {
            BenchFutures.await(Future.all(subscribers.stream().map(FanoutSubscriber::close).toList()), CLOSE_TIMEOUT, "closing the subscribers");
        } finally {
            BenchFutures.await(vertx.close(), CLOSE_TIMEOUT, "closing the clients' Vert.x");
        }
    }
}
