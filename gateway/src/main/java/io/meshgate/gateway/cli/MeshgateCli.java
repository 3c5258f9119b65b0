package io.meshgate.gateway.cli;

import io.meshgate.config.ConfigException;
import io.meshgate.config.Suggestions;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The {@code meshgate} command. Every mistake on the command line or in a config file ends in a clear message
 * and a non-zero exit code, never a stack trace: 2 for usage errors, 1 for invalid config or failed start.
 */
public final class MeshgateCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Map<String, String> COMMANDS = Map.of(
            "demo", "run a three-region mesh on this machine, with real Kafka brokers and sample data",
            "run", "run one gateway of one region of a mesh",
            "validate", "check a mesh config file and print every problem, or ok",
            "startup-training", "a short real run of two gateways on this machine (two Kafka brokers, replication, a"
                    + " subscriber, every status endpoint); the launcher runs it after each build to record the classes"
                    + " a gateway loads into a class-data archive, from which gateways start a third to a half sooner",
            "help", "show this help");

    private MeshgateCli() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.out, System.err);
        boolean keepsRunning = args.length > 0 && List.of("demo", "run").contains(args[0]);
        if (code != OK || !keepsRunning) {
            System.exit(code);
        }
    }

    /** Runs a command; long-running commands (demo, run) return once started and keep running until stopped. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(usage());
            return args.isEmpty() ? USAGE : OK;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "validate" -> ValidateCommand.run(rest, out);
                case "run" -> RunCommand.run(rest, out);
                case "demo" -> DemoCommand.run(rest, out);
                case "startup-training" -> StartupTrainingCommand.run(rest, out);
                default -> throw new UsageException("unknown command '" + command + "'"
                        + Suggestions.closest(command, COMMANDS.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse("")
                        + "; commands: " + String.join(", ", COMMANDS.keySet().stream().sorted().toList()));
            };
        } catch (UsageException e) {
            err.println("meshgate: " + e.getMessage());
            err.println("run 'meshgate help' for usage");
            return USAGE;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (StartupException e) {
            err.println("meshgate: " + e.getMessage());
            return FAILED;
        }
    }

    static String usage() {
        return """
                meshgate: a multi-region mesh federation gateway for Apache Kafka

                usage:
                  meshgate demo [--data-dir DIR] [--rate N]
                      %s.
                      Kafka eu-west 127.0.0.1:19092, us-east 127.0.0.1:29092, ap-south 127.0.0.1:39092;
                      gateways http://127.0.0.1:8081, :8082 and :8083, in the same order.
                      --data-dir keeps broker data and mesh.yaml there (default: a temporary folder, removed on exit);
                      --rate sets sample orders per second written in each region (default 5).
                  meshgate run --config FILE --region ID [--instance N] [--listen HOST:PORT] [--http-loops N]
                               [--tls-cert PEM --tls-key PEM]
                      %s.
                      --http-loops: HTTP servers on the gateway's port, each on an event loop of its own, so
                      subscribers, lookups and links spread over them (default: one per core).
                      --tls-cert, --tls-key: serve HTTPS and WSS with this PEM certificate chain and private key
                      (the region's gateway URL must then be https://); peers check it against their JVM's trust store.
                  meshgate validate FILE
                      %s.
                  meshgate startup-training [--records N]
                      %s.
                      --records: how many records it replicates (default %d).
                  meshgate help
                """.formatted(COMMANDS.get("demo"), COMMANDS.get("run"), COMMANDS.get("validate"),
                COMMANDS.get("startup-training"), StartupTrainingCommand.DEFAULT_RECORDS);
    }
}
