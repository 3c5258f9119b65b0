package io.meshgate.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.meshgate.gateway.view.ViewValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ceilings of a lookup, in this JVM with no HTTP and no gateway: the same keys and values read straight from
 * a Hazelcast {@link IMap} (where a region of several gateway instances keeps a view) and from a
 * {@link ConcurrentHashMap} (the index a region of one instance reads a key from), both holding the gateway's own
 * {@link ViewValue}s. Run after the brokers and gateways are gone, so nothing else competes for the cores.
 */
final class LookupCeilings {

    static final String HAZELCAST = "ceiling: Hazelcast IMap.get, in-process";
    static final String IN_MEMORY = "ceiling: ConcurrentHashMap.get, in-process";
    private static final int PUT_BATCH = 1_000;

    private LookupCeilings() {
    }

    static List<LoadResult> run(LookupValues values, LookupBenchSettings settings, int threads) {
        ConcurrentHashMap<String, ViewValue> inMemory = new ConcurrentHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            inMemory.put(values.key(i), values.viewValue(i, LookupMesh.ORIGIN));
        }
        LoadResult local = InProcessLoad.run(IN_MEMORY, inMemory::get, values, settings.valueBytes(), threads,
                LookupBenchSettings.WARMUP, settings.window());
        inMemory.clear();
        LookupBenchmark.done(local);
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config());
        try {
            IMap<String, ViewValue> map = hazelcast.getMap("meshgate.view." + LookupMesh.VIEW);
            Map<String, ViewValue> batch = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                batch.put(values.key(i), values.viewValue(i, LookupMesh.ORIGIN));
                if (batch.size() == PUT_BATCH || i == values.size() - 1) {
                    map.putAll(batch);
                    batch.clear();
                }
            }
            LoadResult imap = InProcessLoad.run(HAZELCAST, map::get, values, settings.valueBytes(), threads,
                    LookupBenchSettings.WARMUP, settings.window());
            LookupBenchmark.done(imap);
            return List.of(imap, local);
        } finally {
            hazelcast.shutdown();
        }
    }

    /** A cluster of this one member: a name nobody else uses, loopback only, no discovery, no phoning home. */
    private static Config config() {
        Config config = new Config();
        config.setClusterName("meshgate-bench-ceiling-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return config;
    }
}
