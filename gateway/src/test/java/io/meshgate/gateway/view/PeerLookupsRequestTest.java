package io.meshgate.gateway.view;

import io.meshgate.config.RegionConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forwarded lookup goes where the peer's gateway URL says, as its link does: over TLS to port 443 for an https URL
 * without a port, and under the URL's path when the gateway is published behind a reverse proxy. (It used to go over
 * plain HTTP to port 80 at the root, whatever the URL said.)
 */
class PeerLookupsRequestTest {

    @Test
    void anHttpsGatewayBehindAProxyPathIsAskedOverTlsUnderThatPath() {
        RegionConfig peer = new RegionConfig("eu-west", "a:1", URI.create("https://mesh.example.com/meshgate/eu-west"), Map.of());
        RequestOptions request = PeerLookups.requestTo(peer, "/v1/views/customers/keys/c-007?region=eu-west");
        assertEquals(HttpMethod.GET, request.getMethod());
        assertTrue(request.isSsl());
        assertEquals("mesh.example.com", request.getHost());
        assertEquals(443, request.getPort());
        assertEquals("/meshgate/eu-west/v1/views/customers/keys/c-007?region=eu-west", request.getURI());
    }

    @Test
    void aPlainGatewayIsAskedAtItsPort() {
        RegionConfig peer = new RegionConfig("us-east", "b:1", URI.create("http://10.0.0.7:8082"), Map.of());
        RequestOptions request = PeerLookups.requestTo(peer, "/health/views");
        assertFalse(request.isSsl());
        assertEquals(8082, request.getPort());
        assertEquals("/health/views", request.getURI());
    }
}
