package io.meshgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");

    @Test
    void swappedLettersCostOneEdit() {
        assertEquals(1, Suggestions.distance("eu-wset", "eu-west"));
        assertEquals(1, Suggestions.distance("replcate-to", "replicate-to"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(3, Suggestions.distance("abc", ""));
    }

    @Test
    void suggestsTheClosestPlausibleName() {
        assertEquals(Optional.of("eu-west"), Suggestions.closest("eu-wset", REGIONS));
        assertEquals(Optional.of("us-east"), Suggestions.closest("US-EAST", REGIONS));
        assertEquals(Optional.of("ap-south"), Suggestions.closest("ap-sout", REGIONS));
    }

    @Test
    void doesNotSuggestUnrelatedShortNames() {
        assertEquals(Optional.empty(), Suggestions.closest("eu", List.of("us")));
        assertEquals(Optional.empty(), Suggestions.closest("eu-central", REGIONS));
        assertEquals(Optional.empty(), Suggestions.closest("", REGIONS));
    }

    @Test
    void hintListsTheCandidates() {
        assertEquals("(did you mean 'eu-west'? known: eu-west, us-east, ap-south)", Suggestions.hint("eu-wset", REGIONS, "known"));
        assertEquals("(known: eu-west, us-east, ap-south)", Suggestions.hint("mars", REGIONS, "known"));
        assertEquals("(known: none)", Suggestions.hint("mars", List.of(), "known"));
    }
}
