package io.meshgate.replication.replica;

import java.util.List;

/**
 * One outgoing link as {@code /v1/mesh} shows it: its peer, state since when, last error and its replicas.
 *
 * @param pauses              how often this gateway stopped reading the link because its replicas had too much queued
 * @param pausedSinceEpochMs  when the current such pause began; 0 while the link is read
 */
public record LinkStatus(String peer, String url, String state, long sinceEpochMs, String lastError, long reconnects,
                         long pauses, long pausedSinceEpochMs, List<ReplicaStatus> replicas) {

    public LinkStatus {
        replicas = List.copyOf(replicas);
    }
}
