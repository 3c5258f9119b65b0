package io.meshgate.chaos.scenarios;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a test JVM that dies: starts one {@link GatewayProcess}, prints {@code gateway-pid=N} and then
 * waits to be killed. Arguments: {@code <mesh.yaml> <region> <port> <log file>}.
 */
public final class GatewayParentMain {

    private GatewayParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GatewayProcess gateway = GatewayProcess.start(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Path.of(args[3]));
        System.out.println("gateway-pid=" + gateway.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
