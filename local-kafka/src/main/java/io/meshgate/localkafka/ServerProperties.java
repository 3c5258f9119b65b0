package io.meshgate.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code server.properties} of one single-node KRaft broker in combined mode (broker and
 * controller in one process), tuned to start fast and stay small on a shared 2-core machine.
 */
final class ServerProperties {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Keys that define the node's identity, listeners and storage. Callers choose them through
     * {@link LocalKafkaBroker.Settings}, never through extra properties, because the launcher, the
     * storage formatting and the readiness check all depend on them.
     */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners",
            "controller.listener.names", "listener.security.protocol.map", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    private ServerProperties() {
    }

    /** The properties for {@code settings} on the resolved ports, extra properties applied last. */
    static SortedMap<String, String> of(LocalKafkaBroker.Settings settings, int port, int controllerPort) {
        SortedMap<String, String> props = new TreeMap<>();
        String host = settings.host();

        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        // A static voter set (kraft.version 0) keeps no listener address in the log, so a restart
        // may move the controller to another port; a dynamic quorum would pin it at format time.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("log.dirs", DataDir.logDir(settings.dataDir()).toString());

        // One node: every internal topic has a single replica.
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");

        // A few partitions instead of 50 for each internal topic: every partition is a log with
        // its own files, index memory and load work when the coordinator first touches it.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.num.partitions", "1");

        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // meshgate creates its topics explicitly; a typo must fail, not create a topic.
        props.put("auto.create.topics.enable", "false");
        props.put("auto.leader.rebalance.enable", "false");

        // After a kill, the restarted controller refuses the new broker registration
        // (DUPLICATE_BROKER_REGISTRATION) until the old session expires: 9s by default, 3s here.
        // Six missed heartbeats still tolerate a long stall on a busy machine.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");

        // Small thread pools: two cores are shared by several brokers and gateways.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        // The default 128 MiB dedupe buffer alone would fill a small heap; 8 MiB holds ~300k keys.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));

        // The operating system's socket buffers, which grow with the traffic, instead of a fixed 100 KiB: on
        // loopback a packet holds up to 64 KiB, a fixed buffer overflows, the kernel drops what does not fit and
        // TCP resends it only after a ~200 ms loss probe, stalling every client of the connection that long.
        props.put("socket.receive.buffer.bytes", "-1");
        props.put("socket.send.buffer.bytes", "-1");
        props.putAll(settings.extraBrokerProperties());
        return props;
    }

    /** Writes {@code props} as a properties file, sorted, so that two runs can be diffed. */
    static void write(Map<String, String> props, Path file) {
        StringBuilder text = new StringBuilder("# Written by meshgate local-kafka; rewritten at every start.\n");
        props.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot write " + file, e);
        }
    }

    // Properties.load treats backslash as an escape; Windows paths and regexes must survive it.
    private static String escape(String raw) {
        return raw.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
