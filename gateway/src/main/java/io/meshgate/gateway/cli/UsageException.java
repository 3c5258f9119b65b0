package io.meshgate.gateway.cli;

/** The command line is wrong; the message says what and how to fix it, and the exit code is 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
