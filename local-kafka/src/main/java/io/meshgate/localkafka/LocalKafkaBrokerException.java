package io.meshgate.localkafka;

/**
 * A broker could not be started or controlled. Start failures carry the exit code and the tail of
 * the broker's own log in the message, so that a failing test or demo explains itself.
 */
public class LocalKafkaBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalKafkaBrokerException(String message) {
        super(message);
    }

    public LocalKafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
