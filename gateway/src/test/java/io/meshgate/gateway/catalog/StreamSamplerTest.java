package io.meshgate.gateway.catalog;

import io.meshgate.config.StreamConfig;
import io.meshgate.replication.subscribe.RecentEventsReader.Recent;
import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampler's cache and the shape of what it answers, with records handed in by the test instead of Kafka. */
class StreamSamplerTest {

    private static final StreamConfig ORDERS = new StreamConfig("orders", null, List.of("eu-west"), null);
    private final AtomicLong clock = new AtomicLong();
    private final List<Promise<Recent>> reads = new ArrayList<>();
    private final StreamSampler sampler = new StreamSampler((mesh, stream) -> {
        Promise<Recent> read = Promise.promise();
        reads.add(read);
        return read.future();
    }, clock::get, () -> { });

    @Test
    void aFreshSampleIsNotReadAgain() {
        sampler.sample(null, ORDERS);
        reads.get(0).complete(recent(3));
        clock.addAndGet(StreamSampler.FRESH_FOR.toNanos() - 1);
        sampler.sample(null, ORDERS);
        assertEquals(1, reads.size());
        clock.addAndGet(1);
        sampler.sample(null, ORDERS);
        assertEquals(2, reads.size(), "read again once the sample is as old as FRESH_FOR");
    }

    @Test
    void requestsDuringAReadShareIt() {
        Future<StreamSample> first = sampler.sample(null, ORDERS);
        clock.addAndGet(StreamSampler.FRESH_FOR.toNanos() * 10);  // a slow read does not expire before it completes
        Future<StreamSample> second = sampler.sample(null, ORDERS);
        assertSame(first, second);
        assertEquals(1, reads.size());
        reads.get(0).complete(recent(1));
        assertTrue(second.succeeded());
    }

    @Test
    void aChangedStreamIsReadAgain() {
        sampler.sample(null, ORDERS);
        reads.get(0).complete(recent(1));
        sampler.sample(null, new StreamConfig("orders", "orders-v2", List.of("eu-west"), null));
        assertEquals(2, reads.size());
    }

    @Test
    void aFailedReadAnswersWithTheReasonAndIsKeptForAWhile() {
        Future<StreamSample> sample = sampler.sample(null, ORDERS);
        reads.get(0).fail(new IllegalStateException("Timeout expired while fetching topic metadata"));
        JsonObject json = sample.result().toJson(5);
        assertNull(json.getValue("schema"));
        assertTrue(json.getString("schemaReason").contains("could not be read")
                && json.getString("schemaReason").contains("Timeout expired"), json.encode());
        assertEquals(0, json.getJsonArray("samples").size());
        sampler.sample(null, ORDERS);
        assertEquals(1, reads.size(), "an outage costs one read per period, not one per request");
    }

    @Test
    void samplesAreTheNewestEventsAsFramesWithoutCursor() {
        Future<StreamSample> sample = sampler.sample(null, ORDERS);
        reads.get(0).complete(recent(30));
        JsonObject json = sample.result().toJson(3);
        assertEquals(30, json.getJsonObject("schema").getInteger("sampledRecords"), "the schema sees every record read");
        assertEquals(3, json.getJsonArray("samples").size());
        JsonObject newest = json.getJsonArray("samples").getJsonObject(0);
        assertEquals("event", newest.getString("type"));
        assertEquals(29, newest.getLong("offset"));
        assertEquals("k-29", newest.getString("key"));
        assertEquals(new JsonObject().put("n", 29), newest.getJsonObject("value"));
        assertEquals(new JsonObject().put("source", "test"), newest.getJsonObject("headers"));
        assertFalse(newest.containsKey("cursor"));
        assertEquals(StreamSampler.MAX_SAMPLES, sample.result().toJson(StreamSampler.MAX_SAMPLES + 5)
                .getJsonArray("samples").size(), "no more than MAX_SAMPLES are kept");
    }

    @Test
    void anEmptyStreamHasNoSchemaAndNamesWhereItLooked() {
        Future<StreamSample> sample = sampler.sample(null, ORDERS);
        reads.get(0).complete(new Recent(List.of(), List.of("orders", "us-east.orders"), true));
        JsonObject json = sample.result().toJson(5);
        assertNull(json.getValue("schema"));
        assertEquals("no records in this region yet (read from orders, us-east.orders)", json.getString("schemaReason"));
    }

    @Test
    void aRegionWithoutTheStreamSaysSo() {
        Future<StreamSample> sample = sampler.sample(null, ORDERS);
        reads.get(0).complete(new Recent(List.of(), List.of(), true));
        assertTrue(sample.result().toJson(5).getString("schemaReason").contains("neither written nor replicated here"));
    }

    @Test
    void aReadCutShortMarksTheSchemaPartial() {
        Future<StreamSample> sample = sampler.sample(null, ORDERS);
        reads.get(0).complete(new Recent(recent(2).newestFirst(), List.of("orders"), false));
        assertTrue(sample.result().toJson(5).getJsonObject("schema").getBoolean("partial"));
    }

    /** {@code n} JSON events, newest (highest offset) first. */
    private static Recent recent(int n) {
        List<StreamEvent> events = IntStream.range(0, n).map(i -> n - 1 - i)
                .mapToObj(i -> new StreamEvent("orders", "eu-west", 0, i, 1_000 + i, ("k-" + i).getBytes(StandardCharsets.UTF_8),
                        new JsonObject().put("n", i).encode().getBytes(StandardCharsets.UTF_8),
                        List.of(new StreamEvent.Header("source", "test".getBytes(StandardCharsets.UTF_8))), null))
                .toList();
        return new Recent(events, List.of("orders"), true);
    }
}
