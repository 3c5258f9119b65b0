package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClasspathTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearOverride() {
        System.clearProperty(BrokerClasspath.OVERRIDE_PROPERTY);
    }

    @Test
    void manifestOnlyJarIsExpandedRelativeToItsOwnFolder() throws IOException {
        Path jar = manifestJar(dir.resolve("surefirebooter.jar"), "lib/kafka.jar ../classes/");

        String expanded = BrokerClasspath.expandManifestOnlyJar(jar.toString());

        assertEquals(String.join(File.pathSeparator, jar.toString(), dir.resolve("lib/kafka.jar").toString(),
                dir.getParent().resolve("classes").toString()), expanded);
    }

    @Test
    void ordinaryClasspathIsKeptAsIs() throws IOException {
        Path jar = manifestJar(dir.resolve("plain.jar"), null);
        String twoEntries = jar + File.pathSeparator + dir;

        assertEquals(jar.toString(), BrokerClasspath.expandManifestOnlyJar(jar.toString()));
        assertEquals(twoEntries, BrokerClasspath.expandManifestOnlyJar(twoEntries));
        assertEquals(dir.toString(), BrokerClasspath.expandManifestOnlyJar(dir.toString()));
    }

    @Test
    void thisJvmsClasspathHoldsKafkaAndBrokerMain() {
        String classpath = BrokerClasspath.resolve();

        assertTrue(classpath.contains("kafka_2.13"), classpath);
    }

    @Test
    void classpathWithoutKafkaFailsNamingTheClassAndTheOverride() {
        System.setProperty(BrokerClasspath.OVERRIDE_PROPERTY, dir.toString());

        LocalKafkaBrokerException e = assertThrows(LocalKafkaBrokerException.class, BrokerClasspath::resolve);

        assertTrue(e.getMessage().contains("class kafka.Kafka is not on the broker class path"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dmeshgate.kafka.classpath="), e.getMessage());
    }

    private static Path manifestJar(Path jar, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
