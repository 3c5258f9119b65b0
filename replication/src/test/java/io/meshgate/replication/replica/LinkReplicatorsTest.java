package io.meshgate.replication.replica;

import io.meshgate.config.LinkSettings;
import io.meshgate.config.StreamConfig;
import io.meshgate.config.StreamRoute;
import io.meshgate.replication.protocol.LinkProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Where a link's batches go: to their stream's replicator, nowhere for a stream it just dropped, or a violation. */
class LinkReplicatorsTest {

    private final StreamReplicator orders = replicatorOf("orders");
    private final StreamReplicator payments = replicatorOf("payments");
    private final LinkReplicators replicators = new LinkReplicators("eu-west", List.of(orders, payments));

    /** Nothing here writes or reports status, which is all the replicator's other collaborators are for. */
    private static StreamReplicator replicatorOf(String stream) {
        StreamRoute route = new StreamRoute(new StreamConfig(stream, null, List.of("eu-west"), null), "eu-west",
                "eu-west." + stream);
        return new StreamReplicator(null, null, null, route, LinkSettings.defaults(), null);
    }

    @Test
    void aBatchGoesToItsStreamsReplicator() {
        assertSame(orders, replicators.forBatchOf("orders"));
        assertSame(payments, replicators.forBatchOf("payments"));
    }

    @Test
    void aBatchOfAStreamTheLinkNeverCarriedIsAViolation() {
        LinkProtocolException thrown = assertThrows(LinkProtocolException.class, () -> replicators.forBatchOf("refunds"));
        assertEquals("link.stream.unsubscribed", thrown.code());
    }

    @Test
    void aBatchOfAStreamJustRemovedIsDroppedQuietly() {
        assertSame(orders, replicators.remove("orders"));
        assertNull(replicators.forBatchOf("orders"), "still in flight from before the origin heard of the removal");
        assertNull(replicators.get("orders"));
        assertNull(replicators.remove("orders"), "removed once");
    }

    @Test
    void aStreamAddedBackIsCarriedAgain() {
        replicators.remove("orders");
        StreamReplicator again = replicatorOf("orders");
        replicators.add(again);
        assertSame(again, replicators.forBatchOf("orders"));
        replicators.remove("orders");
        assertNull(replicators.forBatchOf("orders"));
    }

    @Test
    void streamsKeepTheOrderTheyWereAddedIn() {
        replicators.add(replicatorOf("audit"));
        assertEquals(List.of("orders", "payments", "audit"), List.copyOf(replicators.streams()));
        assertEquals(0, replicators.queuedBytes().sum());
    }
}
