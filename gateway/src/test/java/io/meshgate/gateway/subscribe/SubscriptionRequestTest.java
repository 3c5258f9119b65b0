package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.FilterException;
import io.meshgate.replication.position.CursorException;
import io.meshgate.replication.subscribe.StartPosition;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionRequestTest {

    @Test
    void theUrlAndTheFirstMessageSayTheSameThings() {
        SubscriptionRequest fromUrl = SubscriptionRequest.fromParams(MultiMap.caseInsensitiveMultiMap()
                .add("from", "earliest").add("credit", "50").add("header.source", "web").add("where", "amount > 5"), "orders");
        SubscriptionRequest fromMessage = SubscriptionRequest.fromMessage(new JsonObject().put("type", "subscribe")
                .put("from", "earliest").put("credit", 50).put("headers", new JsonObject().put("source", "web"))
                .put("where", "amount > 5"), "orders");
        assertEquals(fromUrl, fromMessage);
        assertInstanceOf(StartPosition.Earliest.class, fromMessage.start());
        assertEquals(50, fromMessage.credit());
    }

    @Test
    void mistakesInTheFirstMessageSayWhatToSend() {
        CursorException unknown = assertThrows(CursorException.class, () -> SubscriptionRequest.fromMessage(
                new JsonObject().put("type", "subscribe").put("form", "earliest"), "orders"));
        assertEquals("subscription.message.invalid", unknown.code());
        assertTrue(unknown.getMessage().contains("'form'"), unknown.getMessage());

        CursorException from = assertThrows(CursorException.class, () -> SubscriptionRequest.fromMessage(
                new JsonObject().put("type", "subscribe").put("from", 12), "orders"));
        assertEquals("subscribe.from.invalid", from.code());

        assertThrows(FilterException.class, () -> SubscriptionRequest.fromMessage(
                new JsonObject().put("type", "subscribe").put("headers", "source=web"), "orders"));
        CursorException credit = assertThrows(CursorException.class, () -> SubscriptionRequest.fromMessage(
                new JsonObject().put("type", "subscribe").put("credit", -1), "orders"));
        assertEquals("subscribe.credit.invalid", credit.code());
    }
}
