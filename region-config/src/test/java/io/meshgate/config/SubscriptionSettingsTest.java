package io.meshgate.config;

import static io.meshgate.config.ProblemAssertions.assertOnlyProblem;
import static io.meshgate.config.ProblemAssertions.assertProblem;
import static io.meshgate.config.ProblemAssertions.problemsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code subscriptions:} section: read strictly, every value in range, defaults for what is left out. */
class SubscriptionSettingsTest {

    private static final String MESH = Meshes.TWO_REGIONS;

    @Test
    void everySettingIsRead() {
        SubscriptionSettings s = MeshConfigLoader.parse(MESH + """
                subscriptions:
                  max-subscriptions: 500
                  max-per-client: 20
                  max-frame-bytes: 16KiB
                  max-messages-per-second: 50
                  heartbeat-interval: 250ms
                  ring-records: 1000
                  ring-bytes: 512MiB
                """, "m.yaml").subscriptions();
        assertEquals(new SubscriptionSettings(500, 20, 16_384, 50, Duration.ofMillis(250), 1000, 512L * 1024 * 1024), s);
    }

    @Test
    void withoutTheSectionOrWithAnEmptyOneEveryDefaultApplies() {
        assertEquals(SubscriptionSettings.defaults(), MeshConfigLoader.parse(MESH, "m.yaml").subscriptions());
        assertEquals(SubscriptionSettings.defaults(), MeshConfigLoader.parse(MESH + "subscriptions:\n", "m.yaml").subscriptions());
        assertEquals(SubscriptionSettings.defaults(), new MeshConfig(null, MeshConfigLoader.parse(MESH, "m.yaml").regions(),
                null, null).subscriptions());
    }

    @Test
    void documentedDefaultValues() {
        SubscriptionSettings d = SubscriptionSettings.defaults();
        assertEquals(10_000, d.maxSubscriptions());
        assertEquals(1_000, d.maxPerClient());
        assertEquals(65_536, d.maxFrameBytes());
        assertEquals(100, d.maxMessagesPerSecond());
        assertEquals(Duration.ofSeconds(5), d.heartbeatInterval());
        assertEquals(50_000, d.ringRecords());
        assertEquals(33_554_432L, d.ringBytes());
    }

    @Test
    void unsetValuesKeepTheirDefaults() {
        SubscriptionSettings s = MeshConfigLoader.parse(MESH + """
                subscriptions:
                  ring-bytes: 1073741824
                """, "m.yaml").subscriptions();
        assertEquals(1L << 30, s.ringBytes());
        assertEquals(SubscriptionSettings.defaults().maxPerClient(), s.maxPerClient());
    }

    @Test
    void eachLimitIsCheckedAgainstItsRange() {
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-subscriptions: 0
                """, "9:22", "subscriptions.max-subscriptions", "max-subscriptions is 0 but must be between 1 and 1000000");
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-frame-bytes: 100
                """, "9:20", "subscriptions.max-frame-bytes", "max-frame-bytes is 100 but must be between 256 and 1048576");
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-messages-per-second: 100001
                """, "9:28", "subscriptions.max-messages-per-second", "between 1 and 100000");
        assertOnlyProblem(MESH + """
                subscriptions:
                  ring-records: 99
                """, "9:17", "subscriptions.ring-records", "ring-records is 99 but must be between 100 and 10000000");
        assertOnlyProblem(MESH + """
                subscriptions:
                  ring-bytes: 512KiB
                """, "9:15", "subscriptions.ring-bytes", "ring-bytes is 524288 but must be between 1048576 (1 MiB)");
        assertOnlyProblem(MESH + """
                subscriptions:
                  heartbeat-interval: 50ms
                """, "9:23", "subscriptions.heartbeat-interval", "heartbeat-interval must be between 100ms and 5m, got 50ms");
    }

    @Test
    void aValueOfTheWrongTypeIsPlaced() {
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-per-client: lots
                """, "9:19", "subscriptions.max-per-client", "expected a whole number, got 'lots'");
        assertOnlyProblem(MESH + """
                subscriptions:
                  heartbeat-interval: [5s]
                """, "9:23", "subscriptions.heartbeat-interval", "expected a duration like 250ms, 1s, 2m or 1h", "got a list");
        assertOnlyProblem(MESH + """
                subscriptions: 100
                """, "8:16", "subscriptions", "expected a map of subscription settings, got '100'");
    }

    @Test
    void anUnknownKeyGetsASuggestion() {
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-subscription: 5
                """, "9:3", "subscriptions.max-subscription",
                "subscriptions: unknown key 'max-subscription' (did you mean 'max-subscriptions'?");
    }

    @Test
    void aSizeInDecimalOrUnknownUnitsIsRefusedWithTheBinaryUnit() {
        assertOnlyProblem(MESH + """
                subscriptions:
                  ring-bytes: 32MB
                """, "9:15", "subscriptions.ring-bytes", "'32MB' has unknown unit 'MB' (did you mean 32MiB? units are powers of 1024)");
        assertOnlyProblem(MESH + """
                subscriptions:
                  ring-bytes: 1.5GiB
                """, "9:15", "subscriptions.ring-bytes", "'1.5GiB' is not a size like 512KiB, 32MiB or 1GiB, or a whole number of bytes");
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-frame-bytes: 4GiB
                """, "9:20", "subscriptions.max-frame-bytes", "'4GiB' is too large for this setting");
    }

    @Test
    void maxPerClientMayNotExceedMaxSubscriptions() {
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-subscriptions: 10
                  max-per-client: 11
                """, "10:19", "subscriptions.max-per-client",
                "max-per-client (11) must not exceed max-subscriptions (10)", "set max-per-client to at most 10");
        // The default max-per-client (1000) counts too; with nowhere in the file to point at, the section is named.
        assertOnlyProblem(MESH + """
                subscriptions:
                  max-subscriptions: 500
                """, "8:1", "subscriptions.max-per-client", "max-per-client (1000) must not exceed max-subscriptions (500)");
    }

    @Test
    void aBadSectionDoesNotHideMistakesElsewhere() {
        List<ConfigProblem> problems = problemsIn(MESH + """
                streams:
                  orders: {origins: [eu-wset]}
                subscriptions:
                  ring-records: 0
                """);
        assertEquals(2, problems.size(), () -> ProblemAssertions.render(problems));
        assertProblem(problems, "9:22", "streams.orders.origins[0]", "did you mean 'eu-west'?");
        assertProblem(problems, "11:17", "subscriptions.ring-records", "ring-records is 0");
    }

    @Test
    void theRecordReportsEveryProblemAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> new SubscriptionSettings(0, 0, 100, 0, null, 10, 1));
        assertEquals(List.of("subscriptions.max-subscriptions", "subscriptions.max-per-client", "subscriptions.max-frame-bytes",
                        "subscriptions.max-messages-per-second", "subscriptions.ring-records", "subscriptions.ring-bytes",
                        "subscriptions.heartbeat-interval"),
                e.problems().stream().map(ConfigProblem::field).toList(), e.getMessage());
    }
}
