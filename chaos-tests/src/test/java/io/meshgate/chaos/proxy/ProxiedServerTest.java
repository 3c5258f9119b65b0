package io.meshgate.chaos.proxy;

import io.meshgate.chaos.WanFaultProxy;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/** The proxy tests' fixture: a test TCP server behind a fresh {@link WanFaultProxy}, both closed after each test. */
abstract class ProxiedServerTest {

    TestTcpServer server;
    WanFaultProxy proxy;

    /** Puts {@code target} behind a new proxy on a free port; call it once per test, before connecting. */
    void serveBehindProxy(TestTcpServer target) {
        server = target;
        proxy = WanFaultProxy.start("127.0.0.1", 0, "127.0.0.1", server.port());
    }

    @AfterEach
    void closeProxyAndServer() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
