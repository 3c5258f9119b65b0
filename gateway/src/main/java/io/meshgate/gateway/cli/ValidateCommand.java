package io.meshgate.gateway.cli;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.gateway.view.Views;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code meshgate validate FILE}: prints {@code ok} and a summary, or every problem with file:line:col. */
final class ValidateCommand {

    private ValidateCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        CommandLine line = CommandLine.parse("validate", args, Set.of());
        Path file = Path.of(line.positional(1, "one config file, e.g. 'meshgate validate mesh.yaml'").get(0));
        MeshConfig mesh = MeshConfigLoader.load(file);
        // The filter language lives with the gateway, so views' where and fields are checked here, not while loading.
        List<String> viewProblems = Views.filterProblems(mesh);
        if (!viewProblems.isEmpty()) {
            viewProblems.forEach(problem -> out.println(file + ": " + problem));
            return MeshgateCli.FAILED;
        }
        out.println("ok: " + file + ": mesh '" + mesh.name() + "', " + count(mesh.regions().size(), "region") + " ("
                + String.join(", ", mesh.regions().keySet()) + "), " + count(mesh.streams().size(), "stream") + ", "
                + count(mesh.views().size(), "view") + "; " + security(mesh));
        return MeshgateCli.OK;
    }

    /** Whether the file secures the mesh: an operator checks this before handing it to every region. */
    private static String security(MeshConfig mesh) {
        if (!mesh.secured()) {
            return "security off: any client that reaches a gateway reads every stream";
        }
        return "security on: clients need a JWT" + (mesh.security().linksAuthenticated()
                ? ", links a shared secret" : " (one region: no links)");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
