package io.meshgate.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Operators alert on event ids, so the README must list every one a gateway or the client can log. Reads the
 * sources of every module, not a list kept by hand, so a new event without a line in the README fails here.
 */
class DocumentedEventsTest {

    /** The id argument of {@code Events.info|warn|error(LOG, <id>, ...)}: a literal, or a choice of literals. */
    private static final Pattern EVENT_CALL = Pattern.compile("Events\\.(?:info|warn|error|debug)\\(\\s*\\w+,\\s*([^,]+),");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9][a-z0-9._-]*)\"");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEventOfTheGatewayIsInTheOperationalEventsTable() {
        Set<String> logged = new TreeSet<>();
        for (String module : List.of("region-config", "observability", "local-kafka", "replication", "gateway")) {
            logged.addAll(eventIds(ROOT.resolve(module)));
        }
        assertTrue(logged.size() > 40, "found too few events to be reading the sources: " + logged);
        assertUndocumented(logged, section("## Operational events", "## Modules"));
    }

    @Test
    void everyEventOfTheClientIsInItsSection() {
        Set<String> logged = eventIds(ROOT.resolve("client"));
        assertTrue(logged.contains("client.gap"), "found no client events: " + logged);
        assertUndocumented(logged, section("### Java client", "## Views"));
    }

    @Test
    void aChoiceOfIdsCountsEachOfThem() {
        Matcher call = EVENT_CALL.matcher("Events.warn(LOG, wasUp ? \"link.disconnected\" : \"link.connect.failed\", \"peer\", p)");
        assertTrue(call.find());
        assertEquals(List.of("link.disconnected", "link.connect.failed"),
                LITERAL.matcher(call.group(1)).results().map(found -> found.group(1)).toList());
    }

    private static void assertUndocumented(Set<String> logged, String section) {
        Set<String> missing = new TreeSet<>();
        for (String id : logged) {
            if (!section.contains("`" + id + "`")) {
                missing.add(id);
            }
        }
        assertEquals(Set.of(), missing, "events logged but not documented in README.md; add them to its table");
    }

    private static Set<String> eventIds(Path module) {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher call = EVENT_CALL.matcher(read(file));
                while (call.find()) {
                    LITERAL.matcher(call.group(1)).results().forEach(found -> ids.add(found.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static String section(String heading, String nextHeading) {
        String readme = read(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        int end = readme.indexOf("\n" + nextHeading, start + 1);
        assertTrue(start >= 0 && end > start, "README.md has no section '" + heading + "' followed by '" + nextHeading + "'");
        return readme.substring(start, end);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
