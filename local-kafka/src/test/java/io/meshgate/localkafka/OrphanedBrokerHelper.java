package io.meshgate.localkafka;

import io.meshgate.localkafka.LocalKafkaBroker.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A parent JVM for {@link ParentWatchdogIT}: starts a broker, prints its pid, then waits to be
 * killed with SIGKILL, which leaves the broker orphaned.
 */
public final class OrphanedBrokerHelper {

    static final String PID_PREFIX = "broker.pid=";

    private OrphanedBrokerHelper() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalKafkaBroker broker = LocalKafkaBroker.start(Settings.of(Path.of(args[0])).withName("orphan").withHeapMb(192));
        System.out.println(PID_PREFIX + broker.pid());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
