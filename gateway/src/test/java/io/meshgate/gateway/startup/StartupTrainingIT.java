package io.meshgate.gateway.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The run the launcher records the start-up archive from does what it says: two real brokers and two gateways,
 * every record replicated and pushed to a subscriber, every status endpoint answered.
 */
class StartupTrainingIT {

    @TempDir
    Path dir;

    @Test
    void replicatesEveryRecordToASubscriberAndAsksEveryEndpoint() {
        StartupTraining.Result result = StartupTraining.run(dir, 500);

        assertEquals(500, result.records());
        assertEquals(500, result.eventsReceived(), "events the subscriber in the receiving region got");
        assertEquals(21, result.requests(), "status requests answered (10 per gateway, and one lookup)");
    }
}
