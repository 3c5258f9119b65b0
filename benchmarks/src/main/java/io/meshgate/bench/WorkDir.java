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

/**
 * The temporary folder of one benchmark run (broker data, configs, child process logs), removed when the run ends:
 * {@code try (WorkDir work = WorkDir.create()) { ... work.path() ... }}.
 */
final class WorkDir implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

    private final Path path;

    private WorkDir(Path path) {
        this.path = path;
    }

    static WorkDir create() {
        try {
            return new WorkDir(Files.createTempDirectory("meshgate-bench-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for the benchmark", e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes the folder and everything in it; a failure is logged, never thrown. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            Events.warn(LOG, "bench.cleanup.failed", "workDir", path, "cause", e.getMessage());
        }
    }
}
