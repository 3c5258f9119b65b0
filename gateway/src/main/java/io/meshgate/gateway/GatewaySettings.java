package io.meshgate.gateway;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.RegionConfig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one gateway process (or one gateway inside the demo) runs as: the mesh, its region, its instance id,
 * where it listens, and the config file it was loaded from (null when built in code: then it cannot reload).
 * Validated here so that every way of starting a gateway gets the same messages.
 */
public record GatewaySettings(MeshConfig mesh, String region, String instanceId, String listenHost, int listenPort,
                              Path configFile) {

    public GatewaySettings(MeshConfig mesh, String region, String instanceId, String listenHost, int listenPort) {
        this(mesh, region, instanceId, listenHost, listenPort, null);
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
        return new GatewaySettings(mesh, region, instanceId, host, port, configFile);
    }

    /** Watches this file and reloads it on change or on {@code POST /v1/admin/reload}. */
    public GatewaySettings withConfigFile(Path file) {
        return new GatewaySettings(mesh, region, instanceId, listenHost, listenPort, file);
    }
}
