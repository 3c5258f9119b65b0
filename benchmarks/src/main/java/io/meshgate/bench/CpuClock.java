package io.meshgate.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * CPU time used by a set of processes (brokers, a MirrorMaker 2 JVM, this JVM), as the OS reports it. On a
 * machine with few cores, CPU seconds per replicated gigabyte say more than wall time alone.
 */
final class CpuClock {

    private final LongSupplier reading;

    private CpuClock(LongSupplier reading) {
        this.reading = reading;
    }

    static CpuClock of(List<Long> pids) {
        List<ProcessHandle> processes = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
        return new CpuClock(() -> totalOf(processes));
    }

    static CpuClock thisJvm() {
        List<ProcessHandle> self = List.of(ProcessHandle.current());
        return new CpuClock(() -> totalOf(self));
    }

    /**
     * Only the JIT compiler threads of these JVMs: how far from their steady state they still are. Freshly started
     * brokers and gateways compile for about a minute, and on 2 cores that takes CPU from everything measured.
     */
    static CpuClock jitCompilersOf(List<Long> pids) {
        return new CpuClock(() -> JitThreads.cpuNanos(pids));
    }

    /** Only the JIT compiler threads of this JVM. */
    static CpuClock jitCompilersOfThisJvm() {
        return jitCompilersOf(List.of(ProcessHandle.current().pid()));
    }

    /** Total CPU nanoseconds so far of every process, or -1 when the OS does not say. */
    long nanos() {
        return reading.getAsLong();
    }

    /** CPU nanoseconds used since {@code startNanos} (a value of {@link #nanos()}), or -1 when unknown. */
    long since(long startNanos) {
        long now = nanos();
        return now < 0 || startNanos < 0 ? -1 : now - startNanos;
    }

    private static long totalOf(List<ProcessHandle> processes) {
        long total = 0;
        for (ProcessHandle process : processes) {
            Optional<java.time.Duration> cpu = process.info().totalCpuDuration();
            if (cpu.isEmpty()) {
                return -1;
            }
            total += cpu.get().toNanos();
        }
        return total;
    }
}
