package io.meshgate.bench;

/** A benchmark could not run to the end; the message says which phase failed and why. Exit code 1. */
final class BenchmarkException extends RuntimeException {

    BenchmarkException(String message) {
        super(message);
    }

    BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
