package io.meshgate.bench;

import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folder of one benchmark run: broker data, configs and child process logs; deleted at the end. */
final class WorkDir {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

    private WorkDir() {
    }

    static Path create() {
        try {
            return Files.createTempDirectory("meshgate-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for the benchmark", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            Events.warn(LOG, "bench.cleanup.failed", "workDir", dir, "cause", e.getMessage());
        }
    }
}
