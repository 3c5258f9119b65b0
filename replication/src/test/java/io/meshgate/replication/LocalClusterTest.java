package io.meshgate.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgate.config.RegionConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalClusterTest {

    @Test
    void clientsUseTheOperatingSystemsSocketBuffersByDefault() {
        RegionConfig region = new RegionConfig("eu-west", "127.0.0.1:19092", URI.create("http://127.0.0.1:8081"), Map.of());

        Map<String, String> properties = LocalCluster.baseClientProperties(region);

        assertEquals("-1", properties.get("receive.buffer.bytes"));
        assertEquals("-1", properties.get("send.buffer.bytes"));
        assertEquals("127.0.0.1:19092", properties.get("bootstrap.servers"));
    }

    @Test
    void theRegionsKafkaPropertiesOverrideTheDefaults() {
        RegionConfig region = new RegionConfig("eu-west", "127.0.0.1:19092", URI.create("http://127.0.0.1:8081"),
                Map.of("receive.buffer.bytes", "1048576", "security.protocol", "SSL"));

        Map<String, String> properties = LocalCluster.baseClientProperties(region);

        assertEquals("1048576", properties.get("receive.buffer.bytes"));
        assertEquals("-1", properties.get("send.buffer.bytes"));
        assertEquals("SSL", properties.get("security.protocol"));
    }
}
