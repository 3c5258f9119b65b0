package io.meshgate.replication.replica;

import java.util.ArrayDeque;

/**
 * How far one replica partition is behind its origin partition, from the origin's heartbeats rather than from
 * the records seen: records behind is the origin log end minus the committed position, and time behind is
 * the age of the newest heartbeat whose log end the replica has fully committed. So an idle stream reads as
 * current, and a cut link reads as growing staler by exactly the time since the origin was last heard.
 *
 * <p>Times are origin wall-clock times; skew between regions' clocks shows up in the time behind.
 */
final class PartitionLag {

    private static final int MAX_PENDING_BEATS = 256;

    private final ArrayDeque<long[]> pendingBeats = new ArrayDeque<>();
    private long committedNext = -1;
    private long originEnd = -1;
    private long originEndTime = -1;
    private long completeAsOf = -1;

    void onHeartbeat(long logEnd, long originTime) {
        originEnd = logEnd;
        originEndTime = originTime;
        if (committedNext >= logEnd || logEnd == 0) {
            completeAsOf = originTime;
            pendingBeats.clear();
        } else {
            if (pendingBeats.size() == MAX_PENDING_BEATS) {
                pendingBeats.removeFirst();
            }
            pendingBeats.addLast(new long[] {logEnd, originTime});
        }
    }

    void onCommitted(long next) {
        committedNext = next;
        while (!pendingBeats.isEmpty() && pendingBeats.peekFirst()[0] <= next) {
            completeAsOf = pendingBeats.removeFirst()[1];
        }
    }

    /** Next origin offset to replicate; -1 when nothing was replicated yet. */
    long committedNext() {
        return committedNext;
    }

    /**
     * The origin's log end offset as far as this region knows: its last heartbeat's, or the committed position when
     * that is further (a heartbeat can be older than the last transaction, and the origin holds at least what was
     * replicated from it); -1 before the first heartbeat.
     */
    long originEnd() {
        return originEnd < 0 ? -1 : Math.max(originEnd, committedNext);
    }

    long originEndTime() {
        return originEndTime;
    }

    /** Records the origin holds that this replica has not committed, or -1 before the first heartbeat. */
    long recordsBehind() {
        return originEnd < 0 ? -1 : Math.max(0, originEnd - Math.max(committedNext, 0));
    }

    /** Milliseconds since the origin state this replica fully holds, or -1 if unknown yet. */
    long millisBehind(long now) {
        return completeAsOf < 0 ? -1 : Math.max(0, now - completeAsOf);
    }
}
