package io.meshgate.bench;

import org.apache.kafka.connect.mirror.MirrorMaker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the MirrorMaker 2 child process: arms a watchdog that ends the process when the benchmark JVM
 * is gone, then runs Kafka's own dedicated-mode {@link MirrorMaker} main with the given arguments, exactly as
 * {@code connect-mirror-maker.sh} would.
 */
public final class MirrorMakerMain {

    private MirrorMakerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> exitWhenParentGone(System.in), "bench-mm2-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        MirrorMaker.main(args);
    }

    /**
     * The parent holds the write end of our stdin pipe and never writes; the kernel closes it when the parent
     * exits for any reason, SIGKILL included, and we read EOF. No polling, no cooperation needed.
     */
    private static void exitWhenParentGone(InputStream stdin) {
        byte[] ignored = new byte[64];
        try {
            while (stdin.read(ignored) != -1) {
                // never written to; discard
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
        Runtime.getRuntime().halt(3);
    }
}
