package io.meshgate.observability;

import java.util.concurrent.atomic.AtomicBoolean;

/** A gauge callback as a {@link Registration}: the SDK warns when a gauge is closed twice; Registration promises that is harmless. */
final class GaugeRegistration {

    private GaugeRegistration() {
    }

    static Registration closingOnce(AutoCloseable gauge) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    gauge.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing gauge " + gauge, e);
                }
            }
        };
    }
}
