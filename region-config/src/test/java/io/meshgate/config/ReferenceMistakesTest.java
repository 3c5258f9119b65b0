package io.meshgate.config;

import static io.meshgate.config.Meshes.TWO_REGIONS;
import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Streams that refer to regions that do not exist, or that would collide with each other's topics. */
class ReferenceMistakesTest {

    @Test
    void unknownRegionInOriginsSuggestsTheClosestRegion() {
        ConfigProblem problem = assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-wset]
                """, "10:15", "streams.orders.origins[0]");
        assertEquals("stream 'orders': origins names unknown region 'eu-wset' (did you mean 'eu-west'? known: eu-west, us-east)",
                problem.message());
    }

    @Test
    void unknownRegionInReplicateToListsTheKnownRegions() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                    replicate-to: [us-east, ap-south]
                """, "11:29", "streams.orders.replicate-to[1]",
                "stream 'orders': replicate-to names unknown region 'ap-south' (known: eu-west, us-east)");
    }

    @Test
    void unknownRegionInABlockListPointsAtTheItem() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                    replicate-to:
                      - us-east
                      - us-esat
                """, "13:9", "streams.orders.replicate-to[1]", "unknown region 'us-esat' (did you mean 'us-east'?");
    }

    @Test
    void replicateToListingOnlyTheOriginIsAnError() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                    replicate-to: [eu-west]
                """, "11:5", "streams.orders.replicate-to", "stream 'orders': replicate-to lists only its own origin (eu-west)",
                "leave replicate-to out to replicate to every region");
    }

    @Test
    void topicClashingWithAReplicaTopicInTheSameRegionIsAnError() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                  legacy:
                    topic: eu-west.orders
                    origins: [us-east]
                    replicate-to: [eu-west]
                """, "12:12", "streams.legacy.topic",
                "stream 'legacy': topic 'eu-west.orders' clashes in region 'us-east' with replica topic 'eu-west.orders'"
                        + " (from 'eu-west') of stream 'orders'; rename a topic or change links.replica-topic");
    }

    @Test
    void topicsDifferingOnlyInDotAndUnderscoreClashToo() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                  legacy:
                    topic: eu-west_orders
                    origins: [us-east]
                    replicate-to: [eu-west]
                """, "12:12", "streams.legacy.topic", "Kafka treats '.' and '_' alike");
    }

    @Test
    void twoStreamsOnOneTopicInOneOriginClash() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: [eu-west]
                  orders-again:
                    topic: orders
                    origins: [eu-west]
                """, "12:12", "streams.orders-again.topic",
                "topic 'orders' clashes in region 'eu-west' with topic 'orders' of stream 'orders'");
    }
}
