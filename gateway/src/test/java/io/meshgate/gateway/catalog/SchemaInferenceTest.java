package io.meshgate.gateway.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaInferenceTest {

    @Test
    void fieldsWithTheirTypesAndPresence() {
        JsonObject schema = infer("""
                {"orderId": "o-1", "amount": 12, "paid": true, "coupon": "X"}""", """
                {"orderId": "o-2", "amount": 12.5, "paid": false}""", """
                {"orderId": "o-3", "amount": 7, "paid": true}""", """
                {"orderId": "o-4", "amount": 3, "paid": true}""");
        assertEquals("object", schema.getString("type"));
        JsonObject properties = schema.getJsonObject("properties");
        assertEquals(List.of("orderId", "amount", "paid", "coupon"), List.copyOf(properties.fieldNames()));
        assertEquals(new JsonObject().put("type", "string").put("presence", 1.0), properties.getJsonObject("orderId"));
        assertEquals("number", properties.getJsonObject("amount").getValue("type"), "integers and decimals: number");
        assertEquals("boolean", properties.getJsonObject("paid").getValue("type"));
        assertEquals(0.25, properties.getJsonObject("coupon").getDouble("presence"), "a field missing from 3 of 4 records");
        assertEquals(4, schema.getInteger("sampledRecords"));
        assertEquals(4, schema.getInteger("jsonRecords"));
        assertEquals(0, schema.getInteger("nonJsonRecords"));
    }

    @Test
    void onlyWholeNumbersAreIntegers() {
        JsonObject schema = infer("{\"n\": 1}", "{\"n\": 20000000000}");
        assertEquals("integer", schema.getJsonObject("properties").getJsonObject("n").getValue("type"));
    }

    @Test
    void mixedTypesAreListedInAFixedOrder() {
        JsonObject schema = infer("{\"id\": 7}", "{\"id\": \"x-7\"}", "{\"id\": null}");
        JsonObject id = schema.getJsonObject("properties").getJsonObject("id");
        assertEquals(new JsonArray().add("string").add("integer").add("null"), id.getValue("type"));
        assertEquals(1.0, id.getDouble("presence"), "a null value is present");
    }

    @Test
    void nestedObjectsHavePresenceRelativeToTheirParent() {
        JsonObject schema = infer("""
                {"customer": {"tier": "GOLD", "address": {"city": "Lyon"}}}""", """
                {"customer": {"tier": "SILVER"}}""", """
                {"other": 1}""", """
                {"other": 2}""");
        JsonObject customer = schema.getJsonObject("properties").getJsonObject("customer");
        assertEquals("object", customer.getString("type"));
        assertEquals(0.5, customer.getDouble("presence"));
        JsonObject tier = customer.getJsonObject("properties").getJsonObject("tier");
        assertEquals(1.0, tier.getDouble("presence"), "every customer has a tier, though half the records have no customer");
        JsonObject address = customer.getJsonObject("properties").getJsonObject("address");
        assertEquals(0.5, address.getDouble("presence"));
        assertEquals("string", address.getJsonObject("properties").getJsonObject("city").getString("type"));
    }

    @Test
    void arraysDescribeTheirItems() {
        JsonObject schema = infer("""
                {"items": [{"sku": "a", "qty": 1}, {"sku": "b"}], "tags": ["x", 1]}""", """
                {"items": [], "tags": []}""");
        JsonObject items = schema.getJsonObject("properties").getJsonObject("items");
        assertEquals("array", items.getString("type"));
        JsonObject item = items.getJsonObject("items");
        assertEquals("object", item.getString("type"));
        assertEquals(1.0, item.getJsonObject("properties").getJsonObject("sku").getDouble("presence"));
        assertEquals(0.5, item.getJsonObject("properties").getJsonObject("qty").getDouble("presence"), "per array element");
        JsonObject tags = schema.getJsonObject("properties").getJsonObject("tags");
        assertEquals(new JsonArray().add("string").add("integer"), tags.getJsonObject("items").getValue("type"));
    }

    @Test
    void valuesThatAreNotJsonAreCountedNotGuessed() {
        List<byte[]> values = new ArrayList<>(bytes("{\"a\": 1}", "plain text", "{not json"));
        values.add(new byte[] {(byte) 0xff, 0x00, 0x13});
        values.add(null);  // a tombstone
        SchemaInference.Inferred inferred = SchemaInference.infer(values);
        JsonObject schema = inferred.schema();
        assertEquals(5, schema.getInteger("sampledRecords"));
        assertEquals(1, schema.getInteger("jsonRecords"));
        assertEquals(3, schema.getInteger("nonJsonRecords"));
        assertEquals(1, schema.getInteger("tombstones"));
        assertEquals(1.0, schema.getJsonObject("properties").getJsonObject("a").getDouble("presence"),
                "presence counts JSON objects only");
        assertNull(inferred.reason());
    }

    @Test
    void noJsonAtAllGivesNoSchemaAndSaysWhy() {
        SchemaInference.Inferred inferred = SchemaInference.infer(bytes("a", "b"));
        assertNull(inferred.schema());
        assertTrue(inferred.reason().contains("none of the 2 records read is a JSON value (2 not JSON, 0 tombstones)"),
                inferred.reason());
    }

    @Test
    void nothingToReadGivesNoSchema() {
        SchemaInference.Inferred inferred = SchemaInference.infer(List.of());
        assertNull(inferred.schema());
        assertEquals("no records to infer a schema from", inferred.reason());
    }

    @Test
    void topLevelValuesNeedNotBeObjects() {
        JsonObject schema = infer("\"text\"", "42", "[1, 2]");
        assertEquals(new JsonArray().add("array").add("string").add("integer"), schema.getValue("type"));
        assertFalse(schema.containsKey("properties"), "no object was seen");
        assertEquals("integer", schema.getJsonObject("items").getString("type"));
    }

    @Test
    void manyDistinctKeysAreCutNotListedForever() {
        JsonObject map = new JsonObject();
        for (int i = 0; i < SchemaInference.MAX_PROPERTIES + 50; i++) {
            map.put("id-" + i, i);
        }
        JsonObject schema = infer(map.encode());
        assertEquals(SchemaInference.MAX_PROPERTIES, schema.getJsonObject("properties").size());
        assertTrue(schema.getBoolean("morePropertiesNotShown"));
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() {
        String deep = "1";
        for (int i = 0; i < SchemaInference.MAX_DEPTH + 5; i++) {
            deep = "{\"d\": " + deep + "}";
        }
        JsonObject level = infer(deep);
        int depth = 0;
        while (level.containsKey("properties")) {
            level = level.getJsonObject("properties").getJsonObject("d");
            depth++;
        }
        assertEquals(SchemaInference.MAX_DEPTH, depth);
        assertEquals("object", level.getString("type"), "the deepest level shown still says what it is");
    }

    private static JsonObject infer(String... values) {
        return SchemaInference.infer(bytes(values)).schema();
    }

    private static List<byte[]> bytes(String... values) {
        return Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
