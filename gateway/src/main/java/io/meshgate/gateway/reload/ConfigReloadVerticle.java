package io.meshgate.gateway.reload;

import io.meshgate.config.ConfigException;
import io.meshgate.config.MeshConfig;
import io.meshgate.config.MeshConfigLoader;
import io.meshgate.observability.Events;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.file.FileProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps a gateway on the current version of its config file: checks the file every second, and reloads on
 * change or on request ({@code POST /v1/admin/reload}). An invalid file, or one that changes what cannot change
 * at run time, is refused and logged; the gateway keeps running on the config it has. Reloads are serialized on
 * this verticle's context.
 */
public final class ConfigReloadVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloadVerticle.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final Function<MeshConfig, Future<List<String>>> apply;
    private volatile MeshConfig current;
    private Future<ReloadOutcome> last = Future.succeededFuture();
    private String lastSeen;

    /** {@code apply} puts a reloaded config into effect and says what it changed; it runs on this context. */
    public ConfigReloadVerticle(Path file, MeshConfig initial, Function<MeshConfig, Future<List<String>>> apply) {
        this.file = file;
        this.current = initial;
        this.apply = apply;
    }

    @Override
    public Future<?> start() {
        return fingerprint().onSuccess(seen -> {
            lastSeen = seen;
            vertx.setPeriodic(WATCH_INTERVAL.toMillis(), id -> checkFile());
        }).otherwise(failure -> {
            vertx.setPeriodic(WATCH_INTERVAL.toMillis(), id -> checkFile());
            return null;
        });
    }

    /** The config in effect now; safe from any thread. */
    public MeshConfig current() {
        return current;
    }

    /** Reloads the file now; safe from any thread. {@code trigger} names why, for the log. */
    public Future<ReloadOutcome> reload(String trigger) {
        Promise<ReloadOutcome> outcome = Promise.promise();
        context.runOnContext(v -> {
            last = last.transform(previous -> reloadNow(trigger));
            last.onComplete(outcome);
        });
        return outcome.future();
    }

    private void checkFile() {
        fingerprint().onSuccess(seen -> {
            if (!seen.equals(lastSeen)) {
                lastSeen = seen;
                reload("file-changed");
            }
        });
    }

    private Future<String> fingerprint() {
        return vertx.fileSystem().props(file.toString())
                .map((FileProps props) -> props.lastModifiedTime() + "/" + props.size());
    }

    private Future<ReloadOutcome> reloadNow(String trigger) {
        return vertx.fileSystem().readFile(file.toString())
                .transform(read -> read.succeeded()
                        ? applyText(read.result().toString())
                        : Future.succeededFuture(new ReloadOutcome(ReloadOutcome.Kind.INVALID, "cannot read " + file + ": "
                                + read.cause().getMessage(), null, List.of(), List.of())))
                .onSuccess(outcome -> log(trigger, outcome));
    }

    private Future<ReloadOutcome> applyText(String text) {
        MeshConfig reloaded;
        try {
            reloaded = MeshConfigLoader.parse(text, file.toString());
        } catch (ConfigException e) {
            return Future.succeededFuture(new ReloadOutcome(ReloadOutcome.Kind.INVALID, "the new config has "
                    + e.problems().size() + " problem(s); still running on the previous config", null, List.of(), e.problems()));
        }
        MeshChange change = MeshChange.between(current, reloaded);
        if (change.isEmpty()) {
            return Future.succeededFuture(new ReloadOutcome(ReloadOutcome.Kind.UNCHANGED, "nothing to change", change,
                    List.of(), List.of()));
        }
        if (!change.needsRestart().isEmpty()) {
            return Future.succeededFuture(new ReloadOutcome(ReloadOutcome.Kind.RESTART_REQUIRED,
                    String.join(", ", change.needsRestart()) + ": these take effect only when every gateway restarts with"
                            + " the new file; still running on the previous config", change, List.of(), List.of()));
        }
        return apply.apply(reloaded).map(applied -> {
            current = reloaded;
            return new ReloadOutcome(ReloadOutcome.Kind.RELOADED, "config reloaded", change, applied, List.of());
        }).otherwise(failure -> new ReloadOutcome(ReloadOutcome.Kind.FAILED, "applying the new config failed: "
                + failure.getMessage(), change, List.of(), List.of()));
    }

    private void log(String trigger, ReloadOutcome outcome) {
        switch (outcome.kind()) {
            case RELOADED -> Events.info(LOG, "config.reloaded", "file", file, "trigger", trigger,
                    "added", outcome.change().streamsAdded(), "removed", outcome.change().streamsRemoved(),
                    "changed", outcome.change().streamsChanged(), "accessChanged", outcome.change().accessChanged(),
                    "replication", outcome.applied());
            case UNCHANGED -> Events.info(LOG, "config.reload.unchanged", "file", file, "trigger", trigger);
            default -> Events.warn(LOG, "config.reload.rejected", "file", file, "trigger", trigger,
                    "outcome", outcome.kind(), "reason", outcome.message(),
                    "problems", outcome.problems().stream().map(p -> p.format()).toList());
        }
    }
}
