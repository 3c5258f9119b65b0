package io.meshgate.gateway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Mesh config files for CLI tests. Line numbers matter: VALID's regions are on lines 1..7. */
final class MeshFiles {

    static final String VALID = """
            regions:
              eu-west:
                bootstrap-servers: 127.0.0.1:19092
                gateway: http://127.0.0.1:8081
              us-east:
                bootstrap-servers: 127.0.0.1:29092
                gateway: http://127.0.0.1:8082
            streams:
              orders:
                origins: [eu-west]
            """;

    /** A misspelled region on line 10 and a misspelled key on line 11. */
    static final String BROKEN = """
            regions:
              eu-west:
                bootstrap-servers: 127.0.0.1:19092
                gateway: http://127.0.0.1:8081
              us-east:
                bootstrap-servers: 127.0.0.1:29092
                gateway: http://127.0.0.1:8082
            streams:
              orders:
                origins: [eu-wset]
                replcate-to: [us-east]
            """;

    private MeshFiles() {
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
