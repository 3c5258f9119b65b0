package io.meshgate.gateway.demo;

import java.util.List;

/** A region of the demo mesh and its fixed, documented local ports. */
public record DemoRegion(String id, int kafkaPort, int controllerPort, int gatewayPort) {

    public static final List<DemoRegion> ALL = List.of(
            new DemoRegion("eu-west", 19092, 19093, 8081),
            new DemoRegion("us-east", 29092, 29093, 8082),
            new DemoRegion("ap-south", 39092, 39093, 8083));

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
