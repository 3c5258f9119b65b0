package io.meshgate.replication.origin;

/** A peer asked for a stream it may not have; answered with a stream-scoped error, the link stays up. */
final class StreamRequestException extends RuntimeException {

    private final String stream;
    private final String code;

    StreamRequestException(String stream, String code, String message) {
        super(message);
        this.stream = stream;
        this.code = code;
    }

    String stream() {
        return stream;
    }

    String code() {
        return code;
    }
}
