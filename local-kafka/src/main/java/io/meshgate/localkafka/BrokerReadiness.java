package io.meshgate.localkafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Waits until a starting broker serves clients: its node is in the cluster metadata (so it is
 * registered and unfenced, which needs an elected controller) and a metadata request succeeds.
 * The answer must come from this broker's own cluster: when another broker holds the port (two
 * started on one port at once), ours is never taken for ready; it fails to bind and exits.
 */
final class BrokerReadiness {

    enum Outcome { READY, EXITED, TIMED_OUT }

    /** Pause between attempts; spent in {@code waitFor} so an exiting broker ends the wait at once. */
    private static final Duration PAUSE = Duration.ofMillis(100);

    private BrokerReadiness() {
    }

    static Outcome await(LocalKafkaBroker.Settings settings, int port, String clusterId, BrokerProcess process,
                         Instant deadline) {
        // An admin client against a closed port logs a warning per attempt; a plain connect is silent.
        while (!accepts(settings.host(), port)) {
            Outcome outcome = pause(process, deadline);
            if (outcome != null) {
                return outcome;
            }
        }
        try (Admin admin = Admin.create(adminConfig(settings, port))) {
            while (!servesMetadata(admin, clusterId, deadline)) {
                Outcome outcome = pause(process, deadline);
                if (outcome != null) {
                    return outcome;
                }
            }
            return Outcome.READY;
        }
    }

    private static Outcome pause(BrokerProcess process, Instant deadline) {
        if (Thread.currentThread().isInterrupted()) {
            throw new LocalKafkaBrokerException("localkafka: interrupted while waiting for a broker to be ready");
        }
        if (!process.isAlive() || process.waitForExit(PAUSE)) {
            return Outcome.EXITED;
        }
        return Instant.now().isAfter(deadline) ? Outcome.TIMED_OUT : null;
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean servesMetadata(Admin admin, String clusterId, Instant deadline) {
        long budgetMs = Math.max(1, Math.min(5_000, Duration.between(Instant.now(), deadline).toMillis()));
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = cluster.nodes().get(budgetMs, TimeUnit.MILLISECONDS);
            if (nodes.isEmpty() || !clusterId.equals(cluster.clusterId().get(budgetMs, TimeUnit.MILLISECONDS))) {
                return false;
            }
            admin.listTopics().names().get(budgetMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalKafkaBrokerException("localkafka: interrupted while waiting for a broker to be ready", e);
        }
    }

    private static Map<String, Object> adminConfig(LocalKafkaBroker.Settings settings, int port) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.host() + ":" + port,
                AdminClientConfig.CLIENT_ID_CONFIG, "localkafka-readiness-" + settings.name(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }
}
