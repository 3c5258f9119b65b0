package io.meshgate.gateway.reload;

import io.meshgate.config.ConfigProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer to a reload, as {@code POST /v1/admin/reload} returns it and the log records it. */
public record ReloadOutcome(Kind kind, String message, MeshChange change, List<String> applied, List<ConfigProblem> problems) {

    /** How a reload ended; each has its HTTP status. */
    public enum Kind {
        RELOADED(200), UNCHANGED(200), INVALID(400), RESTART_REQUIRED(409), FAILED(500);

        public final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    public ReloadOutcome {
        applied = List.copyOf(applied);
        problems = List.copyOf(problems);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("status", kind.name().toLowerCase(java.util.Locale.ROOT)).put("message", message);
        if (change != null) {
            json.put("streamsAdded", change.streamsAdded()).put("streamsRemoved", change.streamsRemoved())
                    .put("streamsChanged", change.streamsChanged()).put("accessChanged", change.accessChanged());
        }
        if (!applied.isEmpty()) {
            json.put("replication", applied);
        }
        if (!problems.isEmpty()) {
            JsonArray list = new JsonArray();
            problems.forEach(problem -> list.add(problem.format()));
            json.put("problems", list);
        }
        return json;
    }
}
