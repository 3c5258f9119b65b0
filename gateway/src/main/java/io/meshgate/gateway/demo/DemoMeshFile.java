package io.meshgate.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the demo's mesh config, so a user can read it, copy it, and run gateways from it by hand. */
final class DemoMeshFile {

    static final String ORDERS_TOPIC = "orders";
    static final String CUSTOMERS_TOPIC = "customers";
    static final int PARTITIONS = 3;

    private DemoMeshFile() {
    }

    static Path write(Path dataDir, List<DemoRegion> regions) {
        StringBuilder yaml = new StringBuilder("""
                # The mesh config of `meshgate demo`. Validate it with `./meshgate validate <this file>`,
                # run one region's gateway with `./meshgate run --config <this file> --region us-east`.
                mesh: demo
                regions:
                """);
        for (DemoRegion region : regions) {
            yaml.append("  ").append(region.id()).append(":\n")
                    .append("    bootstrap-servers: ").append(region.bootstrapServers()).append('\n')
                    .append("    gateway: ").append(region.gatewayUrl()).append('\n');
        }
        String allRegions = String.join(", ", regions.stream().map(DemoRegion::id).toList());
        yaml.append("""
                streams:
                  orders:            # active-active: written in every region; each origin's share reaches all others
                    origins: [%s]
                    replicate-to: ["*"]
                  customers:         # one origin; a compacted topic, and so are its replicas
                    origins: [%s]
                    replicate-to: ["*"]
                views:               # try: curl http://127.0.0.1:8082/v1/views/customers/keys/c-007
                  orders-by-id:      # every order, by its id
                    stream: orders
                    key: /orderId
                  customers:         # the customer table, by customer id (the record key)
                    stream: customers
                  platinum-orders:   # orders of Platinum customers, each with its customer joined in
                    stream: orders
                    key: /orderId
                    enrich: {view: customers, on: /customerId, as: customer}
                    where: customer.tier == "PLATINUM"
                links:
                  replica-topic: "{origin}.{topic}"
                  heartbeat-interval: 1s
                  idle-timeout: 10s
                """.formatted(allRegions, regions.get(0).id()));
        Path file = dataDir.resolve("mesh.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
