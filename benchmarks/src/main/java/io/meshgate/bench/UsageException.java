package io.meshgate.bench;

/** The command line is wrong; the message says what and how to fix it, and the exit code is 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
