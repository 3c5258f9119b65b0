package io.meshgate.gateway.cli;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.config.Suggestions;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.MeshGateway;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code meshgate run --config FILE --region ID}: one gateway, until the process is stopped. */
final class RunCommand {

    private RunCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse("run", args, Set.of("config", "region", "instance", "listen"));
        line.noPositional();
        Path file = Path.of(line.required("config", "mesh.yaml"));
        String region = line.required("region", "us-east");
        int instance = line.optionalInt("instance", 1, 1, 999);
        MeshConfig mesh = MeshConfigLoader.load(file);
        if (!mesh.regions().containsKey(region)) {
            throw new UsageException("region '" + region + "' is not in " + file
                    + Suggestions.closest(region, mesh.regions().keySet())
                            .map(s -> " (did you mean '" + s + "'?)").orElse("")
                    + "; regions: " + String.join(", ", mesh.regions().keySet()));
        }
        GatewaySettings settings = GatewaySettings.forRegion(mesh, region, region + "-" + instance).withConfigFile(file);
        String listen = line.optional("listen", null);
        if (listen != null) {
            HostPort hostPort = HostPort.parse("--listen", listen);
            settings = settings.withListen(hostPort.host(), hostPort.port());
        }
        // Armed before the slow start, so that a parent gone mid-start leaves no orphan either.
        ParentExitWatch.armIfRequested(System.getenv(), System.in);
        Vertx vertx = Vertx.vertx();
        MeshGateway gateway;
        try {
            gateway = Blocking.await(MeshGateway.start(vertx, settings), Duration.ofSeconds(60), "starting the gateway for '" + region + "'");
        } catch (StartupException e) {
            vertx.close();
            throw e;
        }
        out.println("meshgate: region " + region + " gateway " + gateway.url() + " (instance " + settings.instanceId()
                + ", kafka " + settings.regionConfig().bootstrapServers() + "); Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Blocking.await(gateway.stop(), Duration.ofSeconds(20), "stopping the gateway");
            // Awaited separately: a continuation on a context of the closing Vert.x instance may never run.
            Blocking.await(vertx.close(), Duration.ofSeconds(10), "closing Vert.x");
        }, "meshgate-shutdown"));
        return MeshgateCli.OK;
    }
}
