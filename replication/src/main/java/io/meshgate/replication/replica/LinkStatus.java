package io.meshgate.replication.replica;

import java.util.List;

/** One outgoing link as {@code /v1/mesh} shows it: its peer, state since when, last error and its replicas. */
public record LinkStatus(String peer, String url, String state, long sinceEpochMs, String lastError, long reconnects,
                         List<ReplicaStatus> replicas) {

    public LinkStatus {
        replicas = List.copyOf(replicas);
    }
}
