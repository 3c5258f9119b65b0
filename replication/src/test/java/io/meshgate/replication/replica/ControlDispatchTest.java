package io.meshgate.replication.replica;

import io.meshgate.config.RegionConfig;
import io.meshgate.replication.protocol.ControlMessage;
import io.meshgate.replication.protocol.ControlMessage.Type;
import io.meshgate.replication.protocol.LinkProtocolException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an origin's control messages reach: the link for a welcome or a link-level error, the describe awaiting its
 * answer, and nothing at all for a message an origin must not send (it is thrown, for the link to fail itself).
 * Streams without a replicator here; what a replicator does with its messages is covered by the replication ITs.
 */
class ControlDispatchTest {

    private static final RegionConfig PEER =
            new RegionConfig("eu-west", "localhost:9092", URI.create("http://localhost:8081"), Map.of());

    private final PendingDescribes pendingDescribes = new PendingDescribes();
    private final List<String> welcomes = new ArrayList<>();
    private final List<String> linkErrors = new ArrayList<>();
    private final ControlDispatch dispatch = new ControlDispatch(PEER, stream -> null, pendingDescribes,
            () -> welcomes.add("welcome"), linkErrors::add);

    @Test
    void aWelcomeFromTheExpectedRegionBringsTheLinkUp() {
        dispatch.dispatch(ControlMessage.of(Type.WELCOME).put("region", "eu-west").encode());
        assertEquals(List.of("welcome"), welcomes);
    }

    @Test
    void aWelcomeFromAnotherRegionIsAViolationAndDoesNotBringTheLinkUp() {
        LinkProtocolException thrown = assertThrows(LinkProtocolException.class,
                () -> dispatch.dispatch(ControlMessage.of(Type.WELCOME).put("region", "us-east").encode()));
        assertEquals("link.peer.mismatch", thrown.code());
        assertTrue(welcomes.isEmpty());
    }

    @Test
    void aDescribedAnswersTheDescribeOfItsStream() {
        Future<DescribedTopic> answer = pendingDescribes.expect("orders");
        dispatch.dispatch(ControlMessage.of(Type.DESCRIBED).put("stream", "orders").put("partitions", 3).encode());
        assertTrue(answer.succeeded());
        assertEquals(3, answer.result().partitions());
    }

    @Test
    void anErrorNamingAStreamRefusesItsDescribe() {
        Future<DescribedTopic> answer = pendingDescribes.expect("orders");
        dispatch.dispatch(ControlMessage.of(Type.ERROR).put("stream", "orders").put("code", "link.stream.unknown")
                .put("message", "no such stream").encode());
        assertTrue(answer.failed());
        assertEquals("link.stream.unknown: no such stream", answer.cause().getMessage());
        assertTrue(linkErrors.isEmpty(), "a stream's error is not the link's");
    }

    @Test
    void anErrorNamingNoStreamIsTheLinks() {
        Future<DescribedTopic> answer = pendingDescribes.expect("orders");
        dispatch.dispatch(ControlMessage.of(Type.ERROR).put("code", "link.overloaded").put("message", "busy").encode());
        assertEquals(List.of("link.overloaded: busy"), linkErrors);
        assertFalse(answer.isComplete(), "the describe still waits: the link's drop fails it");
    }

    @Test
    void messagesForStreamsThisLinkDoesNotCarryAreIgnored() {
        dispatch.dispatch(ControlMessage.of(Type.HEARTBEAT).put("time", 1_000)
                .put("streams", new JsonObject().put("orders", new JsonObject().put("0", 42))).encode());
        dispatch.dispatch(ControlMessage.of(Type.GAP).put("stream", "orders").put("partition", 0).put("from", 3)
                .put("to", 7).encode());
        assertTrue(welcomes.isEmpty() && linkErrors.isEmpty());
    }

    @Test
    void aMessageOnlyAReceiverSendsIsAViolation() {
        LinkProtocolException thrown = assertThrows(LinkProtocolException.class,
                () -> dispatch.dispatch(ControlMessage.of(Type.SUBSCRIBE).put("stream", "orders").encode()));
        assertEquals("link.message.unexpected", thrown.code());
    }

    @Test
    void aMalformedMessageIsAViolation() {
        LinkProtocolException thrown = assertThrows(LinkProtocolException.class, () -> dispatch.dispatch("{not json"));
        assertEquals("link.message.invalid", thrown.code());
    }
}
