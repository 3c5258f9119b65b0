package io.meshgate.config;

/** YAML fragments tests build on, so that line numbers in assertions are easy to count. */
final class Meshes {

    /** Two valid regions on lines 1..7; whatever a test appends starts on line 8. */
    static final String TWO_REGIONS = """
            regions:
              eu-west:
                bootstrap-servers: a:1
                gateway: http://a:8081
              us-east:
                bootstrap-servers: b:1
                gateway: http://b:8081
            """;

    private Meshes() {
    }
}
