package io.meshgate.gateway.subscribe;

import io.meshgate.replication.subscribe.StreamEvent;
import io.vertx.core.json.JsonObject;

/**
 * Event rendering for the rest of the gateway, so that events shown outside a subscription (the catalog's samples)
 * look exactly like the {@code event} frames a subscriber receives.
 */
public final class EventFrames {

    /** What {@link #jsonValue} returns for a value that is not JSON. */
    public static final Object NOT_JSON = EventJson.NOT_JSON;

    private EventFrames() {
    }

    /** The event frame of {@code event}, without a cursor: outside a subscription there is nothing to resume. */
    public static JsonObject withoutCursor(StreamEvent event) {
        JsonObject frame = EventJson.of(event);
        frame.remove("cursor");
        return frame;
    }

    /** A record value parsed as JSON the way event frames do: null for a tombstone, {@link #NOT_JSON} if not JSON. */
    public static Object jsonValue(byte[] value) {
        return EventJson.jsonValue(value);
    }
}
