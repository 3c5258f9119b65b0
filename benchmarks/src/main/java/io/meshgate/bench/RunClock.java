package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * The start of one benchmark run: when it began, how busy the machine was and this JVM's CPU so far, so that at
 * the end the report can say how long the run took and how much of the machine other processes used meanwhile.
 */
final class RunClock {

    private final long startNanos = System.nanoTime();
    private final ZonedDateTime started = ZonedDateTime.now();
    private final String loadAtStart = MachineLoad.loadAverage();
    private final long machineBusyStart = MachineLoad.busyNanos();
    private final CpuClock jvmCpu = CpuClock.thisJvm();
    private final long jvmCpuStart = jvmCpu.nanos();

    ZonedDateTime started() {
        return started;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The machine's load over the run so far; {@code childCpuNanos} is what the run's child processes used (-1: unknown). */
    MachineLoad load(long childCpuNanos) {
        long ours = childCpuNanos < 0 ? -1 : jvmCpu.since(jvmCpuStart) + childCpuNanos;
        return MachineLoad.of(loadAtStart, machineBusyStart, MachineLoad.busyNanos(), ours, System.nanoTime() - startNanos);
    }
}
