package io.meshgate.config;

import static io.meshgate.config.Meshes.TWO_REGIONS;
import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;

import org.junit.jupiter.api.Test;

/** Values of the right shape but the wrong content: bad addresses, names, numbers and durations. */
class ValueMistakesTest {

    @Test
    void badDuration() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  heartbeat-interval: 1 sec
                """, "9:23", "links.heartbeat-interval", "'1 sec' is not a duration like 250ms, 1s, 2m or 1h");
    }

    @Test
    void zeroDurationIsNotPositive() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  reconnect-backoff-max: 0s
                """, "9:26", "links.reconnect-backoff-max", "reconnect-backoff-max must be positive, got 0ms");
    }

    @Test
    void integerOutOfRange() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  max-batch-records: 0
                """, "9:22", "links.max-batch-records", "max-batch-records is 0 but must be between 1 and 100000");
    }

    @Test
    void integerThatIsNotANumber() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  max-batch-bytes: lots
                """, "9:20", "links.max-batch-bytes", "expected a whole number, got 'lots'");
    }

    @Test
    void idleTimeoutMustExceedHeartbeatInterval() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  heartbeat-interval: 5s
                  idle-timeout: 5s
                """, "10:17", "links.idle-timeout", "idle-timeout (5s) must be longer than heartbeat-interval (5s)");
    }

    @Test
    void initialBackoffMustNotExceedMaximum() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  reconnect-backoff-initial: 1m
                """, "9:30", "links.reconnect-backoff-initial",
                "reconnect-backoff-initial (1m) must not exceed reconnect-backoff-max (10s)");
    }

    @Test
    void replicaTopicPatternWithoutOrigin() {
        assertOnlyProblem(TWO_REGIONS + """
                links:
                  replica-topic: "{topic}-replica"
                """, "9:18", "links.replica-topic", "replica-topic '{topic}-replica' must contain both {origin} and {topic}");
    }

    @Test
    void bootstrapEntryWithoutPort() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: localhost
                    gateway: http://a:8081
                """, "3:24", "regions.eu-west.bootstrap-servers[0]",
                "region 'eu-west': bootstrap-servers entry 'localhost' has no port: write it as host:port, like localhost:9092");
    }

    @Test
    void bootstrapListItemWithBadPortPointsAtTheItem() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers:
                      - good:9092
                      - bad:99999
                    gateway: http://a:8081
                """, "5:9", "regions.eu-west.bootstrap-servers[1]", "entry 'bad:99999' has an invalid port '99999': ports are 1..65535");
    }

    @Test
    void gatewayWithAnotherScheme() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: ftp://a:21
                """, "4:14", "regions.eu-west.gateway",
                "region 'eu-west': gateway 'ftp://a:21' must be an absolute http:// or https:// URL");
    }

    @Test
    void gatewayWithoutScheme() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: localhost:8081
                """, "4:14", "regions.eu-west.gateway", "must be an absolute http:// or https:// URL");
    }

    @Test
    void gatewayThatIsNotAUrl() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: http://a b:8081
                """, "4:14", "regions.eu-west.gateway", "'http://a b:8081' is not a valid URL");
    }

    @Test
    void gatewayWithPortOutOfRange() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                    gateway: http://a:0
                """, "4:14", "regions.eu-west.gateway", "has port 0: use 1..65535");
    }

    @Test
    void illegalTopicName() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    topic: orders/v2
                    origins: [eu-west]
                """, "10:12", "streams.orders.topic",
                "stream 'orders': topic 'orders/v2' is not legal: topic names may only contain ASCII letters, digits");
    }

    @Test
    void regionIdBreakingTheNamingRule() {
        assertOnlyProblem("""
                regions:
                  EU_West:
                    bootstrap-servers: a:1
                    gateway: http://a:8081
                """, "2:3", "regions.EU_West", "region id 'EU_West' is not valid: use lowercase letters, digits");
    }

    @Test
    void missingRequiredFieldPointsAtItsEntity() {
        assertOnlyProblem("""
                regions:
                  eu-west:
                    bootstrap-servers: a:1
                """, "2:3", "regions.eu-west.gateway", "region 'eu-west': gateway is required");
    }

    @Test
    void missingOriginsPointsAtTheStream() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    topic: orders
                """, "9:3", "streams.orders.origins", "stream 'orders': origins must name at least one region");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        assertOnlyProblem(TWO_REGIONS + """
                streams:
                  orders:
                    origins: {eu-west: yes}
                """, "10:14", "streams.orders.origins", "expected a list of region ids, got a map");
    }

    @Test
    void wrongTypeForASection() {
        assertOnlyProblem("""
                regions: eu-west
                """, "1:10", "regions", "expected a map of regions by id, got 'eu-west'");
    }
}
