package io.meshgate.replication.subscribe;

import io.meshgate.replication.subscribe.StreamSubscription.Behind;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SubscriptionLagTest {

    private static final long NOW = 1_000_000;
    private static final TopicPartition ORIGIN_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORIGIN_1 = new TopicPartition("orders", 1);
    private static final TopicPartition REPLICA_0 = new TopicPartition("us-east.orders", 0);
    private static final Function<TopicPartition, String> ORIGIN_OF =
            partition -> partition.topic().equals("orders") ? "eu-west" : "us-east";

    @Test
    void recordsBehindAddUpOverAnOriginsPartitionsAndNeverGoNegative() {
        Map<String, Behind> behind = SubscriptionLag.perOrigin(
                Map.of(ORIGIN_0, 7L, ORIGIN_1, 12L),                   // partition 1 stands past a marker at its end
                Map.of(ORIGIN_0, 10L, ORIGIN_1, 11L, REPLICA_0, 4L),   // the replica was never read: behind from 0
                ORIGIN_OF, origin -> NOW - 50, origin -> 0L, NOW);

        assertEquals(3, behind.get("eu-west").records());
        assertEquals(4, behind.get("us-east").records());
    }

    @Test
    void theOldestUndeliveredRecordGivesTheTimeBehindUnlessTheReplicaLagsMore() {
        Map<String, Long> replicaLag = Map.of("eu-west", 20L, "us-east", 900L);
        Map<String, Behind> behind = SubscriptionLag.perOrigin(Map.of(), Map.of(ORIGIN_0, 5L, REPLICA_0, 5L),
                ORIGIN_OF, origin -> NOW - 300, replicaLag::get, NOW);

        assertEquals(300L, behind.get("eu-west").millis());
        assertEquals(900L, behind.get("us-east").millis());
    }

    @Test
    void aSubscriberWithNothingLeftIsAsFarBehindAsThisRegionsCopyAndTheOldestRecordIsNotLookedFor() {
        List<String> askedForOldest = new ArrayList<>();
        Map<String, Behind> behind = SubscriptionLag.perOrigin(Map.of(ORIGIN_0, 10L, REPLICA_0, 4L),
                Map.of(ORIGIN_0, 10L, REPLICA_0, 4L), ORIGIN_OF,
                origin -> {
                    askedForOldest.add(origin);
                    return NOW;
                },
                origin -> origin.equals("eu-west") ? 0L : null, NOW);

        assertEquals(new Behind(0, 0L), behind.get("eu-west"));
        assertEquals(new Behind(0, null), behind.get("us-east"), "the replica's lag is not known here");
        assertEquals(List.of(), askedForOldest);
    }

    @Test
    void recordsBehindWhoseAgeIsUnknownLeaveTheTimeUnknown() {
        Map<String, Behind> behind = SubscriptionLag.perOrigin(Map.of(), Map.of(ORIGIN_0, 3L), ORIGIN_OF,
                origin -> null, origin -> 40L, NOW);

        assertEquals(new Behind(3, null), behind.get("eu-west"));
    }

    @Test
    void aRecordStampedAheadOfTheClockIsNotBehindInTime() {
        Map<String, Behind> behind = SubscriptionLag.perOrigin(Map.of(), Map.of(ORIGIN_0, 3L), ORIGIN_OF,
                origin -> NOW + 5_000, origin -> null, NOW);

        assertEquals(0L, behind.get("eu-west").millis());
    }

    @Test
    void millisBehindTakesTheGreaterOfBacklogAndReplicaLag() {
        assertEquals(70L, SubscriptionLag.millisBehind(2, 70L, 30L));
        assertEquals(90L, SubscriptionLag.millisBehind(2, 70L, 90L));
        assertEquals(70L, SubscriptionLag.millisBehind(2, 70L, null));
        assertNull(SubscriptionLag.millisBehind(2, null, 90L));
        assertEquals(90L, SubscriptionLag.millisBehind(0, null, 90L));
        assertNull(SubscriptionLag.millisBehind(0, null, null));
    }
}
