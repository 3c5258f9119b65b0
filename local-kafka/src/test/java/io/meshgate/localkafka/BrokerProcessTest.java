package io.meshgate.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerProcessTest {

    @Test
    void childIsSmallJvmRunningBrokerMainOnTheGeneratedProperties() {
        Settings settings = Settings.of(Path.of("/data/eu-west")).withName("eu-west").withHeapMb(256);

        List<String> command = BrokerProcess.command(settings, "/cp/a.jar:/cp/b.jar", "clusterIdclusterId12");

        assertTrue(command.get(0).endsWith("/bin/java"), command.get(0));
        assertTrue(command.containsAll(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Dmeshgate.broker.name=eu-west")), command.toString());
        int classpathFlag = command.indexOf("-cp");
        assertEquals("/cp/a.jar:/cp/b.jar", command.get(classpathFlag + 1));
        assertEquals(List.of(BrokerMain.class.getName(), "/data/eu-west/server.properties", "clusterIdclusterId12"),
                command.subList(command.size() - 3, command.size()));
    }

    @Test
    void aBrokerMayStartWithItsWholeHeapAsKafkasStartScriptDoes() {
        Settings settings = Settings.of(Path.of("/data/eu-west")).withHeapMb(1024).withInitialHeapMb(1024);

        List<String> command = BrokerProcess.command(settings, "/cp/a.jar", "clusterIdclusterId12");

        assertTrue(command.containsAll(List.of("-Xms1024m", "-Xmx1024m")), command.toString());
    }
}
