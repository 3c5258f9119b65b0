package io.meshgate.gateway.cli;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.config.RegionConfig;
import io.meshgate.config.Suggestions;
import io.meshgate.gateway.GatewaySettings;
import io.meshgate.gateway.ServerTls;
import io.meshgate.gateway.MeshGateway;
import io.meshgate.gateway.cluster.RegionCluster;
import io.meshgate.gateway.cluster.WorkOwnership;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code meshgate run --config FILE --region ID}: one gateway, until the process is stopped. */
final class RunCommand {

    private RunCommand() {
    }

    private static RegionCluster joinCluster(MeshConfig mesh, RegionConfig region, int instance) {
        try {
            return RegionCluster.join(mesh.name(), region, instance);
        } catch (RuntimeException e) {
            throw new StartupException("cannot join the cluster of region '" + region.id() + "' at "
                    + region.clusterMembers().get(instance - 1) + ": " + e.getMessage(), e);
        }
    }

    // Awaited on their own: a continuation on a context of the closing Vert.x instance may never run.
    private static void close(Vertx vertx, RegionCluster regionCluster) {
        if (regionCluster == null) {
            Blocking.await(vertx.close(), Duration.ofSeconds(10), "closing Vert.x");
        } else {
            Blocking.await(regionCluster.leave(), Duration.ofSeconds(20), "leaving the region cluster");
        }
    }

    /** With {@code --tls-cert} and {@code --tls-key}, the gateway serves TLS: its URL in the mesh file must say so. */
    private static GatewaySettings withTls(GatewaySettings settings, String cert, String key, Path file) {
        if (cert == null && key == null) {
            return settings;
        }
        ServerTls tls;
        try {
            tls = new ServerTls(cert == null ? null : Path.of(cert), key == null ? null : Path.of(key));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        RegionConfig region = settings.regionConfig();
        if (!region.gatewayTls()) {
            throw new UsageException("--tls-cert makes the gateway serve https, but region '" + region.id() + "' has gateway "
                    + region.gateway() + " in " + file + ", so peers would speak plain HTTP to it; make that URL https://");
        }
        return settings.withTls(tls);
    }

    static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse("run", args, Set.of("config", "region", "instance", "listen", "http-loops",
                "tls-cert", "tls-key"));
        line.noPositional();
        Path file = Path.of(line.required("config", "mesh.yaml"));
        String region = line.required("region", "us-east");
        int instance = line.optionalInt("instance", 1, 1, 999);
        int httpLoops = line.optionalInt("http-loops", GatewaySettings.DEFAULT_HTTP_LOOPS, 1, GatewaySettings.MAX_HTTP_LOOPS);
        CompletableFuture<Void> logging = Warmup.start();
        MeshConfig mesh = MeshConfigLoader.load(file);
        if (!mesh.regions().containsKey(region)) {
            throw new UsageException("region '" + region + "' is not in " + file
                    + Suggestions.closest(region, mesh.regions().keySet())
                            .map(s -> " (did you mean '" + s + "'?)").orElse("")
                    + "; regions: " + String.join(", ", mesh.regions().keySet()));
        }
        RegionConfig regionConfig = mesh.region(region);
        if (instance > 1 && !regionConfig.clustered()) {
            throw new UsageException("--instance " + instance + " needs cluster-members for region '" + region + "' in "
                    + file + ": instances of a region share work only when they can find each other");
        }
        if (regionConfig.clustered() && instance > regionConfig.clusterMembers().size()) {
            throw new UsageException("region '" + region + "' lists " + regionConfig.clusterMembers().size()
                    + " cluster-members, so --instance must be 1.." + regionConfig.clusterMembers().size() + ", got " + instance);
        }
        GatewaySettings settings = GatewaySettings.forRegion(mesh, region, region + "-" + instance).withConfigFile(file)
                .withHttpLoops(httpLoops);
        settings = withTls(settings, line.optional("tls-cert", null), line.optional("tls-key", null), file);
        String listen = line.optional("listen", null);
        if (listen != null) {
            HostPort hostPort = HostPort.parse("--listen", listen);
            settings = settings.withListen(hostPort.host(), hostPort.port());
        } else if (instance > 1) {
            // Instances on one host cannot share a port; the next ones up are the documented default.
            settings = settings.withListen(settings.listenHost(), settings.listenPort() + instance - 1);
        }
        logging.join();  // everything from here on logs
        // Opt-in (MESHGATE_EXIT_WITH_PARENT=stdin), armed before the slow start so a parent gone mid-start leaves no orphan.
        ParentExitWatch.armIfRequested(System.getenv(), System.in);
        RegionCluster regionCluster = regionConfig.clustered() ? joinCluster(mesh, regionConfig, instance) : null;
        Vertx vertx = regionCluster == null ? Vertx.vertx() : regionCluster.vertx();
        WorkOwnership ownership = regionCluster == null ? null : new WorkOwnership(regionCluster.hazelcast());
        MeshGateway gateway;
        try {
            gateway = Blocking.await(MeshGateway.start(vertx, settings, ownership), Duration.ofSeconds(60),
                    "starting the gateway for '" + region + "'");
        } catch (StartupException e) {
            close(vertx, regionCluster);
            throw e;
        }
        out.println("meshgate: region " + region + " gateway " + gateway.url() + " (instance " + settings.instanceId()
                + ", kafka " + settings.regionConfig().bootstrapServers()
                + (regionCluster == null ? "" : ", cluster " + regionConfig.clusterMembers().get(instance - 1))
                + "); Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Blocking.await(gateway.stop(), Duration.ofSeconds(20), "stopping the gateway");
            close(vertx, regionCluster);
        }, "meshgate-shutdown"));
        return MeshgateCli.OK;
    }
}
