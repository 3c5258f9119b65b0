package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    @TempDir
    Path dataDir;

    @Test
    void emptyDataDirHasNoState() {
        assertEquals(Optional.empty(), DataDir.load(dataDir));
    }

    @Test
    void savedStateLoadsBack() {
        DataDir.save(dataDir, new DataDir.State("MkU3OEVBNTcwNTJENDM2Qg", 19092, 19093));

        assertEquals(Optional.of(new DataDir.State("MkU3OEVBNTcwNTJENDM2Qg", 19092, 19093)), DataDir.load(dataDir));
    }

    @Test
    void clusterIdOfFormattedLogDirWinsOverOurs() throws IOException {
        DataDir.save(dataDir, new DataDir.State("ours", 19092, 19093));
        Files.createDirectories(DataDir.logDir(dataDir));
        Files.writeString(DataDir.metaProperties(dataDir), "version=1\nnode.id=1\ncluster.id=kafkas\n");

        assertEquals(Optional.of(new DataDir.State("kafkas", 19092, 19093)), DataDir.load(dataDir));
    }

    @Test
    void formattedLogDirWithoutOurStateStillGivesTheClusterId() throws IOException {
        Files.createDirectories(DataDir.logDir(dataDir));
        Files.writeString(DataDir.metaProperties(dataDir), "version=1\nnode.id=1\ncluster.id=kafkas\n");

        assertEquals(Optional.of(new DataDir.State("kafkas", 0, 0)), DataDir.load(dataDir));
    }

    @Test
    void storageDirectoriesAreLogDirsPlusMetadataDir() {
        Properties props = new Properties();
        props.setProperty("log.dirs", "/a, /b");
        assertEquals(List.of("/a", "/b"), StorageFormatting.directories(props));

        props.setProperty("metadata.log.dir", "/meta");
        assertEquals(List.of("/a", "/b", "/meta"), StorageFormatting.directories(props));

        props.setProperty("metadata.log.dir", "/a");
        assertEquals(List.of("/a", "/b"), StorageFormatting.directories(props));
        assertTrue(StorageFormatting.directories(new Properties()).isEmpty());
    }
}
