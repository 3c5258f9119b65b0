package io.meshgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventsTest {

    @Test
    void formatsEventIdThenKeyValuesOnOneLine() {
        assertEquals("link.connect.failed peer=us-east url=ws://127.0.0.1:8082/v1/link cause=\"Connection refused\"",
                Events.format("link.connect.failed",
                        "peer", "us-east", "url", "ws://127.0.0.1:8082/v1/link", "cause", "Connection refused"));
    }

    @Test
    void eventWithoutFieldsIsJustTheId() {
        assertEquals("gateway.started", Events.format("gateway.started"));
    }

    @Test
    void nonStringValuesUseToStringAndNullIsWrittenNull() {
        assertEquals("replication.txn.aborted partition=3 offset=42 reason=null",
                Events.format("replication.txn.aborted", "partition", 3, "offset", 42L, "reason", null));
    }

    @Test
    void quotesAndEscapesValuesThatWouldBreakTheLine() {
        assertEquals("a.b v=\"x=1\"", Events.format("a.b", "v", "x=1"));
        assertEquals("a.b v=\"say \\\"hi\\\"\"", Events.format("a.b", "v", "say \"hi\""));
        assertEquals("a.b v=\"\"", Events.format("a.b", "v", ""));
        assertEquals("a.b v=\"two\\nlines\\tand\\\\ \\u0007\"", Events.format("a.b", "v", "two\nlines\tand\\ \u0007"));
    }

    @Test
    void leavesPlainValuesWithBackslashesOrUnicodeUnquoted() {
        assertEquals("a.b path=C:\\tmp name=Zürich", Events.format("a.b", "path", "C:\\tmp", "name", "Zürich"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"link", "Link.connect", "link..failed", ".link.failed", "link.failed.", "link.con nect",
            "link.1failed", "link-connect.failed", "link.connect=failed"})
    void rejectsMalformedEventIds(String eventId) {
        assertThrows(IllegalArgumentException.class, () -> Events.format(eventId, "peer", "us-east"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"link.connect.failed", "replication.txn.aborted", "view.load_2.done"})
    void acceptsLowercaseDottedEventIds(String eventId) {
        assertEquals(eventId, Events.format(eventId));
    }

    @Test
    void rejectsOddKeyValuesAndBadKeys() {
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", "peer"));
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", "peer", "x", "url"));
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", "the peer", "x"));
        assertThrows(IllegalArgumentException.class, () -> Events.format("a.b", "", "x"));
    }

    @Test
    void logsTheFormattedLineAtEachLevel() {
        var recording = new RecordingLogger(Set.of("info", "warn", "error"));

        Events.info(recording.logger(), "link.connected", "peer", "us-east");
        Events.warn(recording.logger(), "link.heartbeat.late", "peer", "us-east", "late_ms", 1500);
        Events.error(recording.logger(), "view.load.failed", "view", "orders-by-id");

        assertEquals(List.of(
                new RecordingLogger.Entry("info", "link.connected peer=us-east", null),
                new RecordingLogger.Entry("warn", "link.heartbeat.late peer=us-east late_ms=1500", null),
                new RecordingLogger.Entry("error", "view.load.failed view=orders-by-id", null)),
                recording.entries());
    }

    @Test
    void errorPassesTheThrowableForItsStackTrace() {
        var recording = new RecordingLogger(Set.of("error"));
        var cause = new ConnectException("Connection refused");

        Events.error(recording.logger(), "link.connect.failed", cause, "peer", "us-east", "cause", cause.getMessage());

        RecordingLogger.Entry entry = recording.entries().get(0);
        assertEquals("link.connect.failed peer=us-east cause=\"Connection refused\"", entry.message());
        assertSame(cause, entry.throwable());
    }

    @Test
    void disabledLevelFormatsNothing() {
        var recording = new RecordingLogger(Set.of("error"));
        Object mustNotBeRendered = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted although the level is disabled");
            }
        };

        Events.info(recording.logger(), "link.connected", "peer", mustNotBeRendered);
        Events.warn(recording.logger(), "link.heartbeat.late", "peer", mustNotBeRendered);

        assertTrue(recording.entries().isEmpty());
    }

    @Test
    void misuseIsReportedEvenWhenTheLevelIsDisabled() {
        var recording = new RecordingLogger(Set.of());

        assertThrows(IllegalArgumentException.class, () -> Events.info(recording.logger(), "Bad id"));
        assertThrows(IllegalArgumentException.class, () -> Events.warn(recording.logger(), "a.b", "odd"));
    }
}
