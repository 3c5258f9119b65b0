package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPropertiesTest {

    @TempDir
    Path dataDir;

    @Test
    void combinedModeNodeWithStaticSingleVoterOnTheGivenPorts() {
        SortedMap<String, String> props = ServerProperties.of(Settings.of(dataDir), 19092, 19093);

        assertEquals("broker,controller", props.get("process.roles"));
        assertEquals("1", props.get("node.id"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", props.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:19092", props.get("advertised.listeners"));
        assertEquals("CONTROLLER", props.get("controller.listener.names"));
        assertEquals("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", props.get("listener.security.protocol.map"));
        assertEquals("PLAINTEXT", props.get("inter.broker.listener.name"));
        assertEquals("1@127.0.0.1:19093", props.get("controller.quorum.voters"));
        assertEquals(dataDir.resolve("logs").toString(), props.get("log.dirs"));
    }

    @Test
    void internalTopicsHaveOneReplicaAndTopicsAreNotAutoCreated() {
        SortedMap<String, String> props = ServerProperties.of(Settings.of(dataDir), 19092, 19093);

        for (String key : new String[] {"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr", "default.replication.factor", "min.insync.replicas"}) {
            assertEquals("1", props.get(key), key);
        }
        assertEquals("0", props.get("group.initial.rebalance.delay.ms"));
        assertEquals("1", props.get("num.partitions"));
        assertEquals("false", props.get("auto.create.topics.enable"));
    }

    @Test
    void socketBuffersAreTheOperatingSystemsSoLoopbackPacketsAreNeverDropped() {
        SortedMap<String, String> props = ServerProperties.of(Settings.of(dataDir), 19092, 19093);

        assertEquals("-1", props.get("socket.receive.buffer.bytes"));
        assertEquals("-1", props.get("socket.send.buffer.bytes"));
    }

    @Test
    void extraPropertiesOverrideDefaults() {
        Settings settings = Settings.of(dataDir).withHost("localhost")
                .withExtraBrokerProperties(Map.of("auto.create.topics.enable", "true", "log.retention.ms", "60000"));

        SortedMap<String, String> props = ServerProperties.of(settings, 1, 2);

        assertEquals("true", props.get("auto.create.topics.enable"));
        assertEquals("60000", props.get("log.retention.ms"));
        assertEquals("1@localhost:2", props.get("controller.quorum.voters"));
    }

    @Test
    void writtenFileLoadsBackAsTheSameProperties() throws IOException {
        Settings settings = Settings.of(dataDir).withExtraBrokerProperty("ssl.principal.mapping.rules",
                "RULE:^CN=(.*?)\\\\,O=.*$/$1/,DEFAULT");
        SortedMap<String, String> props = ServerProperties.of(settings, 19092, 19093);
        Path file = dataDir.resolve("server.properties");

        ServerProperties.write(props, file);

        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            loaded.load(in);
        }
        assertEquals(props.size(), loaded.size());
        props.forEach((key, value) -> assertEquals(value, loaded.getProperty(key), key));
    }
}
