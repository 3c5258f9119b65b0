package io.meshgate.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The mesh the lookups run on: a {@link WanMesh} with stream {@value #STREAM} written in {@value #ORIGIN},
 * replicated to {@value #LOCAL} and view {@value #VIEW} on it in both. {@value #LOCAL}, where every lookup is
 * asked, reaches {@value #ORIGIN}'s gateway only through the WAN proxy: the replication link and forwarded lookups
 * both cross it.
 */
final class LookupMesh {

    static final String ORIGIN = WanMesh.ORIGIN;
    static final String LOCAL = WanMesh.REPLICA;
    static final String STREAM = "orders";
    static final String VIEW = "orders-by-id";
    static final int PARTITIONS = 6;

    private LookupMesh() {
    }

    static WanMesh start(Path workDir) {
        return WanMesh.start(workDir, new WanMesh.Spec(List.of(STREAM), PARTITIONS,
                "views:\n  " + VIEW + ":\n    stream: " + STREAM + "\n",
                LookupBenchSettings.BROKER_HEAP_MB, LookupBenchSettings.GATEWAY_HEAP_MB));
    }
}
