package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Times a replication from the moment a system starts until the target holds every record, by polling how many
 * records are visible on the target. The poll interval bounds the error of both times it reports.
 */
final class ReplicationClock {

    /** How many records of the replica are visible to a consumer on the target right now. */
    @FunctionalInterface
    interface Progress {
        long visibleRecords() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationClock.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

    private ReplicationClock() {
    }

    /**
     * Polls {@code progress} until it reaches {@code expected} or {@code timeout} passes since {@code startNanos}.
     * A failing poll (the target topic or the status endpoint not there yet) counts as no progress.
     */
    static Timing await(String system, long startNanos, Progress progress, long expected, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        long firstRecordNanos = -1;
        long nextReport = System.nanoTime() + REPORT_INTERVAL.toNanos();
        long visible = 0;
        String lastFailure = null;
        while (true) {
            try {
                visible = Math.max(visible, progress.visibleRecords());
            } catch (Exception e) {
                lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            long now = System.nanoTime();
            if (visible > 0 && firstRecordNanos < 0) {
                firstRecordNanos = now - startNanos;
            }
            if (visible >= expected || now >= deadline) {
                if (visible < expected) {
                    Events.warn(LOG, "bench.replication.timed-out", "system", system, "visible", visible,
                            "expected", expected, "afterSeconds", timeout.toSeconds(), "lastPollFailure", lastFailure);
                }
                return new Timing(visible, now - startNanos, firstRecordNanos);
            }
            if (now >= nextReport) {
                Events.info(LOG, "bench.replication.progress", "system", system, "visible", visible, "expected", expected,
                        "seconds", String.format("%.1f", (now - startNanos) / 1e9));
                nextReport = now + REPORT_INTERVAL.toNanos();
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    /** What {@link #await} saw: records visible at the end, and when the last and first of them became visible. */
    record Timing(long visibleRecords, long nanos, long firstRecordNanos) {
    }
}
