package io.meshgate.bench;

import java.util.List;
import java.util.Optional;

/**
 * CPU time used by a set of processes (brokers, a MirrorMaker 2 JVM, this JVM), as the OS reports it. On a
 * machine with few cores, CPU seconds per replicated gigabyte say more than wall time alone.
 */
final class CpuClock {

    private final List<ProcessHandle> processes;

    private CpuClock(List<ProcessHandle> processes) {
        this.processes = processes;
    }

    static CpuClock of(List<Long> pids) {
        return new CpuClock(pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList());
    }

    static CpuClock thisJvm() {
        return new CpuClock(List.of(ProcessHandle.current()));
    }

    /** Total CPU nanoseconds so far of every process, or -1 when the OS does not say. */
    long nanos() {
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

    /** CPU nanoseconds used since {@code startNanos} (a value of {@link #nanos()}), or -1 when unknown. */
    long since(long startNanos) {
        long now = nanos();
        return now < 0 || startNanos < 0 ? -1 : now - startNanos;
    }
}
