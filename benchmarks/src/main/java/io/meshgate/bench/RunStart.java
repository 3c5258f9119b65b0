package io.meshgate.bench;

import java.time.Duration;
import java.time.ZonedDateTime;

/** When a benchmark run began and how busy the machine was then, for the report's date, duration and load. */
final class RunStart {

    private final long nanos = System.nanoTime();
    private final ZonedDateTime started = ZonedDateTime.now();
    private final String loadAverage = MachineLoad.loadAverage();
    private final long machineBusy = MachineLoad.busyNanos();
    private final CpuClock jvmCpu = CpuClock.thisJvm();
    private final long jvmCpuStart = jvmCpu.nanos();

    ZonedDateTime started() {
        return started;
    }

    Duration took() {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** The machine's load over the run so far; {@code childCpuNanos} is what the run's child processes used. */
    MachineLoad load(long childCpuNanos) {
        long ourCpu = jvmCpu.since(jvmCpuStart) + childCpuNanos;
        return MachineLoad.of(loadAverage, machineBusy, MachineLoad.busyNanos(), ourCpu, System.nanoTime() - nanos);
    }
}
