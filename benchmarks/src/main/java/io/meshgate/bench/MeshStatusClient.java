package io.meshgate.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads replication progress from a receiving gateway's {@code GET /v1/mesh}. Its per-partition
 * {@code replicatedNextOffset} is the position committed in the same Kafka transaction as the replica records,
 * so it says exactly which origin records a read-committed consumer of the replica can see.
 */
final class MeshStatusClient {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI meshUri;

    MeshStatusClient(String gatewayUrl) {
        this.meshUri = URI.create(gatewayUrl + "/v1/mesh");
    }

    /**
     * Records of {@code stream} committed into the replica. Counts origin offsets, which equals records because
     * the benchmark's origin topics are written without transactions (no control records between them).
     */
    long committedRecords(String stream) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(meshUri).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + meshUri + " answered " + response.statusCode());
        }
        long committed = 0;
        JsonArray replicas = new JsonObject(response.body()).getJsonArray("replicas", new JsonArray());
        for (int i = 0; i < replicas.size(); i++) {
            JsonObject replica = replicas.getJsonObject(i);
            if (!stream.equals(replica.getString("stream"))) {
                continue;
            }
            JsonArray partitions = replica.getJsonArray("partitions", new JsonArray());
            for (int p = 0; p < partitions.size(); p++) {
                committed += Math.max(0, partitions.getJsonObject(p).getLong("replicatedNextOffset", 0L));
            }
        }
        return committed;
    }
}
