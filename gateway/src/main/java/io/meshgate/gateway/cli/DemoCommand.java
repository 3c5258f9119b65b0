package io.meshgate.gateway.cli;

import io.meshgate.gateway.demo.Demo;
import io.meshgate.gateway.demo.DemoRegion;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code meshgate demo}: the whole mesh on this machine until Ctrl-C. */
final class DemoCommand {

    private DemoCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse("demo", args, Set.of("data-dir", "rate"));
        line.noPositional();
        int rate = line.optionalInt("rate", 5, 0, 100_000);
        String given = line.optional("data-dir", null);
        checkPortsFree();
        Path dataDir = given == null ? TemporaryDirs.create("meshgate-demo-", "the demo") : createDir(Path.of(given));
        boolean temporary = given == null;
        out.println("meshgate demo: starting Kafka brokers and gateways (data in " + dataDir + ") ...");
        Demo demo;
        try {
            demo = Demo.start(dataDir, rate);
        } catch (RuntimeException e) {
            if (temporary) {
                TemporaryDirs.deleteRecursively(dataDir);
            }
            throw new StartupException("the demo could not start: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("meshgate demo: stopping ...");
            demo.close();
            if (temporary) {
                TemporaryDirs.deleteRecursively(dataDir);
            }
            out.println("meshgate demo: stopped");
        }, "meshgate-demo-shutdown"));
        out.print(DemoBanner.text(demo, rate));
        return MeshgateCli.OK;
    }

    private static void checkPortsFree() {
        for (DemoRegion region : DemoRegion.ALL) {
            checkPortFree(region.kafkaPort(), "Kafka of " + region.id());
            checkPortFree(region.controllerPort(), "the Kafka controller of " + region.id());
            checkPortFree(region.gatewayPort(), "the gateway of " + region.id());
        }
    }

    private static void checkPortFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new StartupException("port " + port + " (for " + what + ") is already in use: is another demo running? "
                    + "Stop it, or whatever holds the port, and try again", e);
        }
    }

    private static Path createDir(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UsageException("--data-dir " + dir + " cannot be created: " + e.getMessage());
        }
    }
}
