package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path DATA = Path.of("build", "kafka-eu");

    @Test
    void defaultsAreSmallLoopbackBrokerOnFreePorts() {
        Settings settings = Settings.of(DATA);

        assertEquals("kafka", settings.name());
        assertEquals(DATA.toAbsolutePath().normalize(), settings.dataDir());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(0, settings.port());
        assertEquals(0, settings.controllerPort());
        assertEquals(512, settings.heapMb());
        assertEquals(64, settings.initialHeapMb());
        assertEquals(Map.of(), settings.extraBrokerProperties());
        assertEquals(Duration.ofSeconds(90), settings.startTimeout());
    }

    @Test
    void withersChangeOneFieldAndKeepTheOthers() {
        Settings settings = Settings.of(DATA).withName("eu-west").withPort(19092).withControllerPort(19093)
                .withHeapMb(256).withExtraBrokerProperty("auto.create.topics.enable", "true")
                .withStartTimeout(Duration.ofSeconds(30)).withHost("localhost");

        assertEquals("eu-west", settings.name());
        assertEquals(19092, settings.port());
        assertEquals(19093, settings.controllerPort());
        assertEquals(256, settings.heapMb());
        assertEquals(Map.of("auto.create.topics.enable", "true"), settings.extraBrokerProperties());
        assertEquals(Duration.ofSeconds(30), settings.startTimeout());
        assertEquals("localhost", settings.host());
    }

    @Test
    void heapBelowMinimumIsRejectedNamingTheFieldAndTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(DATA).withName("eu-west").withHeapMb(64));

        assertEquals("local-kafka settings 'eu-west': heapMb is 64, must be between 128 and 32768", e.getMessage());
    }

    @Test
    void initialHeapMayGrowToTheMaximumButNotBeyond() {
        Settings fixed = Settings.of(DATA).withName("eu-west").withHeapMb(1024).withInitialHeapMb(1024);
        assertEquals(1024, fixed.initialHeapMb());
        assertEquals(256, fixed.withHeapMb(256).initialHeapMb(), "a smaller maximum takes the initial heap with it");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(DATA).withName("eu-west").withInitialHeapMb(600));
        assertEquals("local-kafka settings 'eu-west': initialHeapMb is 600, must be between 16 and heapMb (512)",
                e.getMessage());
    }

    @Test
    void missingDataDirIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Settings("us-east", null, "127.0.0.1", 0, 0, 512, 64, Map.of(), Duration.ofSeconds(1)));

        assertEquals("local-kafka settings 'us-east': dataDir is required", e.getMessage());
    }

    @Test
    void nameMustBeUsableInThreadNamesAndLogs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(DATA).withName("eu west"));

        assertTrue(e.getMessage().contains("name 'eu west' must be"), e.getMessage());
    }

    @Test
    void portsOutOfRangeOrEqualAreRejected() {
        assertMessage("port is 70000, must be 0 (pick a free one) to 65535", () -> Settings.of(DATA).withPort(70000));
        assertMessage("controllerPort is -1, must be 0 (pick a free one) to 65535",
                () -> Settings.of(DATA).withControllerPort(-1));
        assertMessage("port and controllerPort are both 9092; they must differ",
                () -> Settings.of(DATA).withPort(9092).withControllerPort(9092));
    }

    @Test
    void extraPropertiesMustNotOverrideWhatTheLauncherDerives() {
        assertMessage("extraBrokerProperties must not set 'listeners': it is derived from dataDir, host, port and"
                + " controllerPort", () -> Settings.of(DATA).withExtraBrokerProperty("listeners", "PLAINTEXT://:1"));
        assertMessage("extraBrokerProperties must not set 'log.dirs'",
                () -> Settings.of(DATA).withExtraBrokerProperty("log.dirs", "/tmp/x"));
    }

    @Test
    void extraPropertiesRejectNullValuesAndAreCopied() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("num.io.threads", null);
        assertMessage("extraBrokerProperties has a blank key or a null value: num.io.threads=null",
                () -> Settings.of(DATA).withExtraBrokerProperties(withNull));

        Map<String, String> mutable = new HashMap<>(Map.of("num.io.threads", "4"));
        Settings settings = Settings.of(DATA).withExtraBrokerProperties(mutable);
        mutable.put("num.io.threads", "8");
        assertEquals("4", settings.extraBrokerProperties().get("num.io.threads"));
    }

    @Test
    void startTimeoutMustBePositive() {
        assertMessage("startTimeout must be positive, was PT0S", () -> Settings.of(DATA).withStartTimeout(Duration.ZERO));
    }

    private static void assertMessage(String expectedPart, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().startsWith("local-kafka settings 'kafka': "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
