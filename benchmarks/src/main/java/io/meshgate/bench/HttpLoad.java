package io.meshgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP/1.1 load generator on Vert.x, like wrk: {@code connections} keep-alive connections without
 * pipelining, each with exactly one request in flight, the next sent as soon as the previous answer is read. Each
 * request asks for a random key; every answer is checked, and the latency of every request started inside the
 * window (send to last byte read) is kept. Pure Java, so the benchmark needs nothing beyond the JDK and Maven.
 *
 * <p>The connections are spread over the event loops of the given Vert.x instance, one verticle per loop; each
 * verticle's users, samples and counters are touched only on its own event loop.
 */
final class HttpLoad {

    /** What to ask for key number {@code key}, and what a right answer is. */
    record Target(IntFunction<String> uri, Check check) {
    }

    /** Null when the answer for {@code key} is right, else what is wrong with it (counted as a wrong answer). */
    @FunctionalInterface
    interface Check {
        String problem(int key, int status, Buffer body);
    }

    /** Answers in flight when the window ends may take this long (a forwarded one up to two 2 s attempts). */
    private static final Duration STRAGGLERS = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final String name;
    private final int connections;
    private final long from;
    private final long until;
    private final HttpClientAgent client;
    private final List<Users> loops = new ArrayList<>();
    private final List<Future<String>> deployments = new ArrayList<>();
    private final CpuWindow cpu;

    private HttpLoad(Vertx vertx, String name, int port, int connections, Duration warmup, Duration window, CpuClock server) {
        this.vertx = vertx;
        this.name = name;
        this.connections = connections;
        this.from = System.nanoTime() + warmup.toNanos();
        this.until = from + window.toNanos();
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setPipelining(false), new PoolOptions().setHttp1MaxSize(connections));
        this.cpu = new CpuWindow(List.of(server, CpuClock.thisJvm()), from, until);
    }

    /**
     * Starts loading 127.0.0.1:{@code port}: warm-up, then the window; returns at once. {@code server} is the
     * answering process, whose CPU inside the window is reported.
     */
    static HttpLoad start(Vertx vertx, String name, int port, Target target, int keys, int connections, int eventLoops,
                          Duration warmup, Duration window, CpuClock server) {
        HttpLoad load = new HttpLoad(vertx, name, port, connections, warmup, window, server);
        int verticles = Math.min(connections, eventLoops);
        for (int i = 0; i < verticles; i++) {
            int users = connections / verticles + (i < connections % verticles ? 1 : 0);
            Users loop = load.new Users(target, keys, users, new SplittableRandom(31L * i + keys));
            load.loops.add(loop);
            // Each deployment gets an event loop of its own, round robin.
            load.deployments.add(vertx.deployVerticle(loop));
        }
        return load;
    }

    /** Waits until every user has seen its last answer; then the numbers of the window. */
    LoadResult await() {
        try {
            BenchFutures.await(Future.all(loops.stream().map(loop -> loop.done.future()).toList()),
                    Duration.ofNanos(until - System.nanoTime()).plus(STRAGGLERS), name + ": the load (and its last answers)");
        } finally {
            client.close();
            deployments.forEach(deployment -> deployment.onSuccess(vertx::undeploy));
        }
        long errors = loops.stream().mapToLong(loop -> loop.errors).sum();
        String firstError = loops.stream().map(loop -> loop.firstError).filter(e -> e != null).findFirst().orElse(null);
        return LoadResult.of(name, connections, errors, firstError, until - from,
                LatencySamples.sorted(loops.stream().map(loop -> loop.samples).toList()), cpu.nanos(0), cpu.nanos(1));
    }

    /** The users of one event loop. */
    private final class Users extends VerticleBase {

        private final Target target;
        private final int keys;
        private final SplittableRandom random;
        private final LatencySamples samples = new LatencySamples(1 << 16);
        private final Promise<Void> done = Promise.promise();
        private int running;
        private long errors;
        private String firstError;

        Users(Target target, int keys, int users, SplittableRandom random) {
            this.target = target;
            this.keys = keys;
            this.random = random;
            this.running = users;
        }

        @Override
        public Future<?> start() {
            for (int i = running; i > 0; i--) {
                next();
            }
            return Future.succeededFuture();
        }

        private void next() {
            long start = System.nanoTime();
            if (start >= until) {
                if (--running == 0) {
                    done.complete();
                }
                return;
            }
            int key = random.nextInt(keys);
            client.request(HttpMethod.GET, target.uri().apply(key))
                    .compose(HttpClientRequest::send)
                    .compose(response -> response.body().map(body -> target.check().problem(key, response.statusCode(), body)))
                    .onComplete(outcome -> {
                        if (start >= from) {
                            samples.add(System.nanoTime() - start);
                            String problem = outcome.failed() ? String.valueOf(outcome.cause()) : outcome.result();
                            if (problem != null && errors++ == 0) {
                                firstError = problem;
                            }
                        }
                        if (outcome.failed()) {
                            context.runOnContext(v -> next());  // a refusal may come back at once: no deep recursion
                        } else {
                            next();
                        }
                    });
        }
    }
}
