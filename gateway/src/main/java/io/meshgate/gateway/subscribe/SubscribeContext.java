package io.meshgate.gateway.subscribe;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.SubscriptionSettings;
import io.meshgate.replication.subscribe.SharedStreams;
import io.vertx.core.Vertx;

/** What every subscription on this gateway shares: the config in effect, the shared stream readers, the limits. */
record SubscribeContext(Vertx vertx, MeshConfig mesh, SharedStreams streams, SubscriptionSettings limits,
                        SubscriberAdmission admission) {
}
