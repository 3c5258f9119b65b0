package io.meshgate.gateway.security;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;

/** Mesh configs with security on, for tests of what the gateway makes of them. */
public final class SecuredMeshes {

    private SecuredMeshes() {
    }

    /** Two regions, one stream, JWT clients, and {@code security.links} set to {@code {<links>}}. */
    public static MeshConfig twoRegionsWithLinks(String links) {
        return MeshConfigLoader.parse("""
                regions:
                  eu-west: {bootstrap-servers: "a:1", gateway: "http://a:8081"}
                  us-east: {bootstrap-servers: "b:1", gateway: "http://b:8081"}
                streams:
                  orders: {origins: [eu-west]}
                security:
                  jwt: {hmac-secret-env: SECRET}
                  links: {%s}
                """.formatted(links), "secured.yaml");
    }
}
