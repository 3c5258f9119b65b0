package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** All or none, without brokers: names stand for settings, and "started " + name for what a start returns. */
class ParallelStartTest {

    private final List<String> stopped = new CopyOnWriteArrayList<>();

    private List<String> startAll(List<String> names, Map<String, RuntimeException> failures) {
        return ParallelStart.startAll(names, name -> {
            RuntimeException failure = failures.get(name);
            if (failure != null) {
                throw failure;
            }
            return "started " + name;
        }, stopped::add);
    }

    @Test
    void everyStartedThingComesBackInTheOrderOfItsSettingsAndNoneIsStopped() {
        assertEquals(List.of("started a", "started b", "started c"), startAll(List.of("a", "b", "c"), Map.of()));
        assertEquals(List.of(), stopped);
    }

    @Test
    void whenOneFailsTheOnesThatStartedAreStoppedAndItsFailureIsThrown() {
        IllegalStateException refused = new IllegalStateException("b refused");

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> startAll(List.of("a", "b", "c"), Map.of("b", refused)));

        assertSame(refused, thrown, "the start's own exception, not a CompletionException around it");
        assertEquals(List.of("started a", "started c"), stopped);
    }

    @Test
    void ofSeveralFailuresTheFirstInTheOrderOfSettingsIsThrown() {
        IllegalStateException first = new IllegalStateException("a refused");
        IllegalStateException second = new IllegalStateException("c refused");

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> startAll(List.of("a", "b", "c"), Map.of("a", first, "c", second)));

        assertSame(first, thrown);
        assertEquals(List.of("started b"), stopped);
    }
}
