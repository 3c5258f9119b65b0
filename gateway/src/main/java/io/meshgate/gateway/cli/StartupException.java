package io.meshgate.gateway.cli;

/** A command could not start what it runs (a port in use, a broker that did not come up); exit code 1. */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
