package io.meshgate.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a receiving gateway wrote a stream's replica: committed transactions and records so far, from its
 * {@code /metrics}. Two readings around a phase say how many transactions it took and how many records each held:
 * with the writer always busy, one transaction lasted about the phase divided by their number.
 *
 * @param transactions committed replica transactions of the stream
 * @param records      records written to the replica in them
 */
record ReplicaCommits(long transactions, long records) {

    static ReplicaCommits read(GatewayChild gateway, String stream) {
        String metrics = gateway.getText("/metrics");
        return new ReplicaCommits(sample(metrics, "meshgate_replication_transactions_total", stream, "outcome=\"committed\""),
                sample(metrics, "meshgate_replication_records_total", stream, ""));
    }

    /** The counter's value for {@code stream} (and {@code label}, when not empty); 0 when the gateway has none yet. */
    static long sample(String metrics, String name, String stream, String label) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (labels.contains("stream=\"" + stream + "\"") && labels.contains(label)) {
                return (long) Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }

    ReplicaCommits since(ReplicaCommits before) {
        return new ReplicaCommits(transactions - before.transactions, records - before.records);
    }

    double recordsPerTransaction() {
        return transactions == 0 ? 0 : (double) records / transactions;
    }
}
