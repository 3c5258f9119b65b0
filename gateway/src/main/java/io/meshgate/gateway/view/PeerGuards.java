package io.meshgate.gateway.view;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What stands between a lookup and a peer region, per peer: a bulkhead (so a slow peer cannot tie up every
 * request), a circuit breaker (so a dead peer is failed fast, in microseconds, instead of timing out again and
 * again), a retry with jittered backoff (lookups are idempotent) and a time limit on each attempt.
 */
final class PeerGuards {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PeerGuards.class);

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final TimeLimiter timeLimiter;
    private final ScheduledExecutorService scheduler;

    PeerGuards(String peer, ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.breaker = CircuitBreaker.of("lookup-" + peer, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(2)
                // A refusal is an answer, not a fault: filling in its stack trace would cost more than the refusal.
                .writableStackTraceEnabled(false)
                .build());
        // Logged once per change, not once per lookup refused while the breaker is open (thousands a second).
        breaker.getEventPublisher().onStateTransition(event -> Events.warn(LOG, "view.peer.breaker", "peer", peer,
                "from", event.getStateTransition().getFromState().name().toLowerCase(java.util.Locale.ROOT),
                "to", event.getStateTransition().getToState().name().toLowerCase(java.util.Locale.ROOT)));
        this.bulkhead = Bulkhead.of("lookup-" + peer, BulkheadConfig.custom()
                .maxConcurrentCalls(64)
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        this.retry = Retry.of("lookup-" + peer, RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(25), 2.0, 0.5))
                // Refusals by our own guards are final: retrying them would only wait longer for the same answer.
                .ignoreExceptions(CallNotPermittedException.class, BulkheadFullException.class)
                .build());
        this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(ATTEMPT_TIMEOUT)
                .cancelRunningFuture(true).build());
    }

    /** Runs {@code call} behind the guards; each attempt is one call to {@code call}. */
    <T> CompletionStage<T> run(Supplier<CompletionStage<T>> call) {
        Supplier<CompletionStage<T>> limited = () -> timeLimiter.executeCompletionStage(scheduler, call);
        Supplier<CompletionStage<T>> broken = CircuitBreaker.decorateCompletionStage(breaker, limited);
        Supplier<CompletionStage<T>> retried = Retry.decorateCompletionStage(retry, scheduler, broken);
        return Bulkhead.decorateCompletionStage(bulkhead, retried).get();
    }

    /** closed, open or half_open. */
    String breakerState() {
        return breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
    }
}
