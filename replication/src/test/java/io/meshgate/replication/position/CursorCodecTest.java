package io.meshgate.replication.position;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorCodecTest {

    private static final Cursor CURSOR = new Cursor("orders", Map.of(
            "eu-west", Map.of(0, 120L, 1, 0L, 2, 9_876_543_210L),
            "us-east", Map.of(0, 7L)));

    @Test
    void tokensRoundTrip() {
        assertEquals(CURSOR, CursorCodec.decode(CURSOR.token(), "orders"));
        assertEquals(Cursor.beginning("orders"), CursorCodec.decode(Cursor.beginning("orders").token(), "orders"));
    }

    @Test
    void tokensAreUrlSafeAndVersioned() {
        String token = CURSOR.token();
        assertTrue(token.startsWith("c1."), token);
        assertTrue(token.matches("c1\\.[A-Za-z0-9_-]+"), token);
    }

    @Test
    void advanceMovesOnePartitionPastTheRecordAndNeverBack() {
        Cursor moved = CURSOR.advance("eu-west", 0, 200).advance("eu-west", 0, 150).advance("ap-south", 3, 0);
        assertEquals(201, moved.nextOffset("eu-west", 0));
        assertEquals(1, moved.nextOffset("ap-south", 3));
        assertEquals(0, moved.nextOffset("ap-south", 4), "unnamed partitions start at their beginning");
        assertEquals(120, CURSOR.nextOffset("eu-west", 0), "cursors are immutable");
    }

    @Test
    void aCursorOfAnotherStreamIsRefusedByName() {
        CursorException e = assertThrows(CursorException.class, () -> CursorCodec.decode(CURSOR.token(), "payments"));
        assertEquals("cursor.wrong-stream", e.code());
        assertTrue(e.getMessage().contains("belongs to stream 'orders'"), e.getMessage());
    }

    @Test
    void anUnknownVersionIsNamed() {
        CursorException e = assertThrows(CursorException.class, () -> CursorCodec.decode("c9.AAAA", "orders"));
        assertEquals("cursor.version-unknown", e.code());
        assertTrue(e.getMessage().contains("'c9'"), e.getMessage());
    }

    @Test
    void somethingElseEntirelyIsRefused() {
        assertEquals("cursor.version-unknown", assertThrows(CursorException.class,
                () -> CursorCodec.decode("earliest-ish", "orders")).code());
        assertEquals("cursor.missing", assertThrows(CursorException.class, () -> CursorCodec.decode(" ", "orders")).code());
        assertEquals("cursor.malformed", assertThrows(CursorException.class, () -> CursorCodec.decode("c1.%%%", "orders")).code());
    }

    @Test
    void anAlteredTokenFailsItsChecksum() {
        String token = CURSOR.token();
        char last = token.charAt(10);
        String altered = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
        CursorException e = assertThrows(CursorException.class, () -> CursorCodec.decode(altered, "orders"));
        assertEquals("cursor.malformed", e.code());
    }

    @Test
    void everyTruncationIsRefusedCleanly() {
        String token = CURSOR.token();
        for (int length = 0; length < token.length(); length++) {
            String truncated = token.substring(0, length);
            CursorException e = assertThrows(CursorException.class, () -> CursorCodec.decode(truncated, "orders"),
                    "truncated to " + length);
            assertTrue(e.getMessage().length() > 20, e.getMessage());
        }
    }

    @Test
    void randomTokensNeverThrowAnythingButCursorException() {
        Random random = new Random(42);
        byte[] bytes = new byte[40];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(bytes);
            String token = "c1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 1 + random.nextInt(50));
            try {
                CursorCodec.decode(token, "orders");
            } catch (CursorException expected) {
                // the only acceptable failure
            }
        }
    }
}
