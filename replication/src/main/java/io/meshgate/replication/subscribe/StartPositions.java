package io.meshgate.replication.subscribe;

import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.position.ReplicaSeek;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a start position into local offsets for every partition this region holds of a stream, and the cursor
 * that stands there (in origin offsets, so it is valid in every region even before the first event). Blocking:
 * runs on the subscription's reader thread, with a probing consumer reading one record at a time.
 */
final class StartPositions {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Resolved(Map<TopicPartition, Long> localOffsets, Cursor cursor, List<Gap> gaps) {
    }

    private StartPositions() {
    }

    static Resolved resolve(Consumer<byte[], byte[]> probe, String stream, LocalSources sources, StartPosition start) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (LocalSources.Source source : sources.sources()) {
            List<PartitionInfo> infos = probe.partitionsFor(source.topic(), TIMEOUT);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(source.topic(), info.partition())));
            }
        }
        Map<TopicPartition, Long> beginnings = probe.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> ends = probe.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> local = new HashMap<>();
        ReplicaSeek seek = new ReplicaSeek(probe);
        Cursor cursor = start instanceof StartPosition.AtCursor at ? at.cursor() : Cursor.beginning(stream);
        List<Gap> gaps = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            LocalSources.Source source = sources.byTopic(partition.topic());
            long offset;
            if (start instanceof StartPosition.Earliest) {
                offset = beginnings.get(partition);
            } else if (start instanceof StartPosition.AtTime at) {
                offset = atTime(probe, partition, at.epochMillis(), ends.get(partition));
            } else if (start instanceof StartPosition.AtCursor at) {
                long next = at.cursor().nextOffset(source.origin(), partition.partition());
                offset = source.originTopic() ? Math.max(next, beginnings.get(partition)) : seek.replicaOffsetFor(partition, next);
                gapBefore(seek, source, partition, next, beginnings.get(partition), stream).ifPresent(gaps::add);
            } else {
                offset = ends.get(partition);
            }
            local.put(partition, offset);
            if (!(start instanceof StartPosition.AtCursor)) {
                long originNext = source.originTopic() ? offset : seek.originNextBefore(partition, offset);
                if (originNext > 0) {
                    cursor = cursor.advance(source.origin(), partition.partition(), originNext - 1);
                }
            }
        }
        return new Resolved(local, cursor, List.copyOf(gaps));
    }

    /**
     * The records a cursor still wanted that retention has removed here: only when the partition's log start has
     * moved past where the cursor stands (holes left by transaction markers or compaction are not gaps).
     */
    static java.util.Optional<Gap> gapBefore(ReplicaSeek seek, LocalSources.Source source, TopicPartition partition,
                                             long next, long logStart, String stream) {
        if (logStart == 0) {
            return java.util.Optional.empty();
        }
        long firstAvailable = source.originTopic() ? logStart : seek.originOffsetAt(partition, logStart);
        return next < firstAvailable
                ? java.util.Optional.of(new Gap(stream, source.origin(), partition.partition(), next, firstAvailable))
                : java.util.Optional.empty();
    }

    private static long atTime(Consumer<byte[], byte[]> probe, TopicPartition partition, long epochMillis, long end) {
        OffsetAndTimestamp found = probe.offsetsForTimes(Map.of(partition, epochMillis), TIMEOUT).get(partition);
        return found == null ? end : found.offset();
    }
}
