package io.meshgate.gateway;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.RegionConfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one gateway process (or one gateway inside the demo) runs as: the mesh, its region, its instance id,
 * where it listens, the config file it was loaded from (null when built in code: then it cannot reload), and on
 * how many event loops it serves HTTP (one server each, on the one port), and the certificate it serves TLS with
 * (null: plain HTTP, as behind a proxy that terminates TLS).
 * Validated here so that every way of starting a gateway gets the same messages.
 */
public record GatewaySettings(MeshConfig mesh, String region, String instanceId, String listenHost, int listenPort,
                              Path configFile, int httpLoops, ServerTls tls) {

    /** One per core: subscribers, lookups and links spread over them. */
    public static final int DEFAULT_HTTP_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** More servers than this only add event loops that wait on each other. */
    public static final int MAX_HTTP_LOOPS = 256;

    public GatewaySettings(MeshConfig mesh, String region, String instanceId, String listenHost, int listenPort) {
        this(mesh, region, instanceId, listenHost, listenPort, null, DEFAULT_HTTP_LOOPS, null);
    }

    public GatewaySettings {
        Objects.requireNonNull(mesh, "mesh");
        if (!mesh.regions().containsKey(region)) {
            throw new IllegalArgumentException("region '" + region + "' is not in the mesh config (regions: "
                    + String.join(", ", mesh.regions().keySet()) + ")");
        }
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be 0..65535, got " + listenPort);
        }
        if (httpLoops < 1 || httpLoops > MAX_HTTP_LOOPS) {
            throw new IllegalArgumentException("HTTP event loops must be 1.." + MAX_HTTP_LOOPS + ", got " + httpLoops);
        }
    }

    /** Listens where the mesh config says peers reach this region's gateway. */
    public static GatewaySettings forRegion(MeshConfig mesh, String region, String instanceId) {
        if (!mesh.regions().containsKey(region)) {
            throw new IllegalArgumentException("region '" + region + "' is not in the mesh config (regions: "
                    + String.join(", ", mesh.regions().keySet()) + ")");
        }
        RegionConfig config = mesh.region(region);
        return new GatewaySettings(mesh, region, instanceId, config.gateway().getHost(), config.gatewayPort());
    }

    public RegionConfig regionConfig() {
        return mesh.region(region);
    }

    public GatewaySettings withListen(String host, int port) {
        return new GatewaySettings(mesh, region, instanceId, host, port, configFile, httpLoops, tls);
    }

    /** Serves HTTP with {@code loops} servers, each on an event loop of its own. */
    public GatewaySettings withHttpLoops(int loops) {
        return new GatewaySettings(mesh, region, instanceId, listenHost, listenPort, configFile, loops, tls);
    }

    /** Watches this file and reloads it on change or on {@code POST /v1/admin/reload}. */
    public GatewaySettings withConfigFile(Path file) {
        return new GatewaySettings(mesh, region, instanceId, listenHost, listenPort, file, httpLoops, tls);
    }

    /** Serves HTTPS and WSS with {@code certificate} (null: plain HTTP). */
    public GatewaySettings withTls(ServerTls certificate) {
        return new GatewaySettings(mesh, region, instanceId, listenHost, listenPort, configFile, httpLoops, certificate);
    }
}
