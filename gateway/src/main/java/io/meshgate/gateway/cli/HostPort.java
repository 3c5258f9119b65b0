package io.meshgate.gateway.cli;

/** A {@code host:port} given on the command line. */
record HostPort(String host, int port) {

    static HostPort parse(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException(option + " needs HOST:PORT, e.g. 127.0.0.1:8082, got '" + value + "'");
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": port must be a number from 0 to 65535, got '" + value.substring(colon + 1) + "'");
        }
    }
}
