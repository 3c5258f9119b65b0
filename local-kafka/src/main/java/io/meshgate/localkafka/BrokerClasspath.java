package io.meshgate.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of the broker child process: by default this JVM's own, so the broker runs the
 * exact Kafka version the caller was built against.
 */
final class BrokerClasspath {

    /** Overrides the class path of broker processes, e.g. to run a different Kafka build. */
    static final String OVERRIDE_PROPERTY = "meshgate.kafka.classpath";

    /** Classes the child needs: Kafka's entry point and our own child-side main. */
    static final List<String> REQUIRED_CLASSES = List.of("kafka.Kafka", BrokerMain.class.getName());

    private BrokerClasspath() {
    }

    /** The class path for a broker child, checked to contain {@link #REQUIRED_CLASSES}. */
    static String resolve() {
        String override = System.getProperty(OVERRIDE_PROPERTY, "").trim();
        String source = override.isEmpty() ? "java.class.path" : OVERRIDE_PROPERTY;
        String classpath = override.isEmpty() ? System.getProperty("java.class.path", "") : override;
        String expanded = expandManifestOnlyJar(classpath);
        requireClasses(expanded, source);
        return expanded;
    }

    /**
     * Test runners and launchers sometimes start the JVM with a single jar whose manifest
     * {@code Class-Path} holds the real class path; a child given only that jar works too, but
     * checking for classes needs the expanded list, and an explicit list survives the jar's deletion.
     */
    static String expandManifestOnlyJar(String classpath) {
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return classpath;
        }
        Path jar = Path.of(entries[0]).toAbsolutePath();
        String manifestClasspath = manifestClasspath(jar);
        if (manifestClasspath == null || manifestClasspath.isBlank()) {
            return classpath;
        }
        List<String> paths = new ArrayList<>();
        paths.add(jar.toString());
        URI base = jar.getParent().toUri();
        for (String relative : manifestClasspath.trim().split("\\s+")) {
            paths.add(Path.of(base.resolve(relative)).toString());
        }
        return String.join(File.pathSeparator, paths);
    }

    private static String manifestClasspath(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot read the manifest of " + jar, e);
        }
    }

    private static void requireClasses(String classpath, String source) {
        String[] entries = classpath.split(File.pathSeparator);
        try (URLClassLoader loader = new URLClassLoader(toUrls(entries), null)) {
            for (String className : REQUIRED_CLASSES) {
                if (loader.findResource(className.replace('.', '/') + ".class") == null) {
                    throw new LocalKafkaBrokerException("localkafka: class " + className
                            + " is not on the broker class path (from " + source + ", " + entries.length
                            + " entries); add org.apache.kafka:kafka_2.13 and io.meshgate:local-kafka to the"
                            + " runtime dependencies, or set -D" + OVERRIDE_PROPERTY + "=<class path>");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("localkafka: cannot inspect the broker class path", e);
        }
    }

    private static URL[] toUrls(String[] entries) {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("localkafka: bad class path entry " + entry, e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
