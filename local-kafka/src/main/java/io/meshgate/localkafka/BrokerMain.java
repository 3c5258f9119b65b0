package io.meshgate.localkafka;

import java.net.URL;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a broker child process: {@code BrokerMain <server.properties> <cluster id>}.
 *
 * <p>Formats the log dirs on the first start, arms the {@link ParentWatchdog}, then runs Kafka's own
 * {@code kafka.Kafka} main, so the broker behaves exactly as {@code kafka-server-start.sh} would.
 * Everything it prints goes to {@code broker.log} in the data dir.
 */
public final class BrokerMain {

    /** System property with the broker's name, set by the parent; names threads and shows in {@code ps}. */
    static final String NAME_PROPERTY = "meshgate.broker.name";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: " + BrokerMain.class.getName() + " <server.properties> <cluster id>");
            System.exit(2);
        }
        configureLogging(); // before the first logger exists, or the backend reads its defaults
        Logger log = LoggerFactory.getLogger(BrokerMain.class);
        String name = System.getProperty(NAME_PROPERTY, "kafka");
        ParentWatchdog.start(System.in, name);
        try {
            Properties serverProperties = Utils.loadProps(args[0]);
            boolean formatted = StorageFormatting.formatIfNeeded(Path.of(args[0]), serverProperties, args[1],
                    System.out);
            log.info("localkafka.broker.storage name={} formatted={} clusterId={}", name, formatted, args[1]);
        } catch (Exception e) {
            log.error("localkafka.broker.format.failed name={} properties={}", name, args[0], e);
            System.exit(1);
        }
        kafka.Kafka.main(new String[] {args[0]});
    }

    /**
     * Points whichever logging backend is on the class path at our broker configuration: Logback
     * (what meshgate uses) or Log4j 2 (what Kafka's distribution uses, and whose core jar Kafka's
     * server module brings). Without this, Log4j 2 prints "no configuration" errors and Logback
     * would pick up the application's own logback.xml.
     */
    private static void configureLogging() {
        setIfAbsent("logback.configurationFile", "broker-logback.xml");
        setIfAbsent("log4j2.configurationFile", "broker-log4j2.properties");
    }

    private static void setIfAbsent(String property, String resource) {
        URL url = BrokerMain.class.getResource(resource);
        if (url != null && System.getProperty(property) == null) {
            System.setProperty(property, url.toString());
        }
    }
}
