package io.meshgate.gateway.catalog;

import io.meshgate.gateway.subscribe.EventFrames;
import io.meshgate.replication.subscribe.RecentEventsReader.Recent;
import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the catalog shows of a stream's content in this region: the schema inferred from its most recent records
 * (or null, and why), and the newest of those records as samples.
 *
 * @param schema       the inferred schema; null when there was nothing JSON to infer it from
 * @param schemaReason why {@code schema} is null, or null
 * @param newestFirst  at most {@link StreamSampler#MAX_SAMPLES} of the newest records
 */
public record StreamSample(JsonObject schema, String schemaReason, List<StreamEvent> newestFirst) {

    public StreamSample {
        newestFirst = List.copyOf(newestFirst);
    }

    static StreamSample of(Recent recent) {
        SchemaInference.Inferred inferred = SchemaInference.infer(recent.newestFirst().stream().map(StreamEvent::value).toList());
        List<StreamEvent> samples = recent.newestFirst().subList(0, Math.min(StreamSampler.MAX_SAMPLES, recent.newestFirst().size()));
        if (inferred.schema() != null) {
            if (!recent.complete()) {
                inferred.schema().put("partial", true);  // the time ran out; a fuller picture may come next time
            }
            return new StreamSample(inferred.schema(), null, samples);
        }
        String reason;
        if (recent.topics().isEmpty()) {
            reason = "this region holds no share of the stream: it is neither written nor replicated here";
        } else if (recent.newestFirst().isEmpty()) {
            reason = (recent.complete() ? "no records in this region yet" : "no records read in time")
                    + " (read from " + String.join(", ", recent.topics()) + ")";
        } else {
            reason = inferred.reason();
        }
        return new StreamSample(null, reason, samples);
    }

    static StreamSample unreadable(Throwable failure) {
        return new StreamSample(null, "the stream's recent records could not be read from this region's Kafka: "
                + failure.getMessage(), List.of());
    }

    /** {@code schema} (with {@code schemaReason} when null) and the newest {@code samples} events, as event frames. */
    public JsonObject toJson(int samples) {
        JsonObject json = new JsonObject().put("schema", schema == null ? null : schema.copy());
        if (schema == null) {
            json.put("schemaReason", schemaReason);
        }
        JsonArray events = new JsonArray();
        newestFirst.stream().limit(samples).forEach(event -> events.add(EventFrames.withoutCursor(event)));
        return json.put("samples", events);
    }
}
