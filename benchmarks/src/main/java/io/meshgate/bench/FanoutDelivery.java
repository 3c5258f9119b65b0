package io.meshgate.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * What the subscribers got of the measurement window, checked against where the producer wrote it: every
 * subscriber should hold every windowed offset of every partition once, in order.
 *
 * @param windowRecords    records the producer wrote inside the window: what each subscriber should get
 * @param delivered        windowed events delivered, over all subscribers, each counted once
 * @param missing          windowed events some subscriber never got, summed over subscribers
 * @param duplicates       events a subscriber got more than once
 * @param outOfOrder       events that did not follow the previous one of their partition at the same subscriber
 * @param gaps             gap frames received (none expected: nothing is removed by retention here)
 * @param failedSubscribers subscribers closed by the gateway, sent an error, or unreadable frames
 * @param lastReceivedNanos when the last windowed event arrived at any subscriber
 * @param problems         the first few subscribers with something wrong, one line each
 * @param sortedLatencies  produce-to-client latency of every delivered windowed event, ascending
 */
record FanoutDelivery(long windowRecords, int subscribers, long delivered, long missing, long duplicates, long outOfOrder,
                      long gaps, int failedSubscribers, long lastReceivedNanos, List<String> problems,
                      long[] sortedLatencies) {

    private static final int PROBLEMS_SHOWN = 10;

    static FanoutDelivery check(List<FanoutSubscriber.Result> results, WindowOffsets window) {
        long delivered = 0;
        long missing = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long gaps = 0;
        int failed = 0;
        long lastReceived = Long.MIN_VALUE;
        List<String> problems = new ArrayList<>();
        for (FanoutSubscriber.Result result : results) {
            long got = 0;
            long lost = 0;
            for (int p = 0; p < window.partitions(); p++) {
                BitSet offsets = result.offsets()[p];
                got += offsets.cardinality();
                long first = window.first(p);
                long last = window.last(p);
                if (first <= last) {
                    lost += (last - first + 1) - offsets.get((int) first, (int) last + 1).cardinality();
                }
            }
            delivered += got;
            missing += lost;
            duplicates += result.duplicates();
            outOfOrder += result.outOfOrder();
            gaps += result.gaps();
            lastReceived = Math.max(lastReceived, result.lastReceivedNanos());
            if (result.failure() != null) {
                failed++;
            }
            boolean wrong = lost > 0 || result.duplicates() > 0 || result.outOfOrder() > 0 || result.gaps() > 0
                    || result.failure() != null;
            if (wrong && problems.size() < PROBLEMS_SHOWN) {
                problems.add(String.format(Locale.ROOT, "subscriber %d: got %,d of %,d, %,d missing, %,d twice, %,d out of order, "
                                + "%,d gaps%s", result.index(), got, window.records(), lost, result.duplicates(),
                        result.outOfOrder(), result.gaps(), result.failure() == null ? "" : "; " + result.failure()));
            }
        }
        long[] latencies = LatencySamples.sorted(results.stream().map(FanoutSubscriber.Result::latencies).toList());
        return new FanoutDelivery(window.records(), results.size(), delivered, missing, duplicates, outOfOrder, gaps, failed,
                lastReceived, List.copyOf(problems), latencies);
    }

    /** Every subscriber got every windowed event once, in order per partition, and none failed. */
    boolean exact() {
        return missing == 0 && duplicates == 0 && outOfOrder == 0 && gaps == 0 && failedSubscribers == 0
                && delivered == windowRecords * subscribers;
    }

    /** One line for the report: the check passed, or what went wrong and where. */
    String describe() {
        if (exact()) {
            return String.format(Locale.ROOT, "every one of the %,d subscribers got all %,d windowed events once each, in order "
                    + "per partition", subscribers, windowRecords);
        }
        return String.format(Locale.ROOT, "%,d of %,d windowed events delivered; %,d missing, %,d duplicates, %,d out of order, "
                        + "%,d gaps, %,d subscribers failed", delivered, windowRecords * subscribers, missing, duplicates,
                outOfOrder, gaps, failedSubscribers);
    }

    LatencyResult latency(String system) {
        return LatencyResult.of(system, windowRecords * subscribers, sortedLatencies);
    }
}
