package io.meshgate.gateway.view;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.Suggestions;
import io.meshgate.replication.position.Cursor;
import io.meshgate.replication.position.CursorCodec;
import io.meshgate.replication.position.CursorException;
import io.vertx.core.MultiMap;

import java.util.List;

/**
 * The query parameters of a lookup or a scan, checked up front: a mistake is a 400 that names the parameter and
 * says what it takes, never a silently ignored typo.
 */
record LookupParams(Long maxStalenessMs, boolean allowStale, String region, Cursor minOffsets, String prefix, String after,
                    int limit) {

    static final int MAX_LIMIT = 1_000;
    private static final List<String> LOOKUP = List.of("maxStalenessMs", "allowStale", "region", "minOffsets", "access_token");
    private static final List<String> SCAN = List.of("maxStalenessMs", "allowStale", "region", "minOffsets", "access_token",
            "prefix", "after", "limit");

    /** A parameter that cannot be used; {@code code} is the stable error id. */
    static final class Invalid extends RuntimeException {
        final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    static LookupParams parse(MultiMap params, MeshConfig mesh, String stream, boolean scan) {
        List<String> allowed = scan ? SCAN : LOOKUP;
        for (String name : params.names()) {
            if (!allowed.contains(name)) {
                throw new Invalid("view.parameter.unknown", "unknown parameter '" + name + "' "
                        + Suggestions.hint(name, allowed.stream().filter(known -> !known.equals("access_token")).toList(), "parameters"));
            }
        }
        Long maxStaleness = null;
        if (params.contains("maxStalenessMs")) {
            maxStaleness = number(params.get("maxStalenessMs"), "maxStalenessMs", 0, Long.MAX_VALUE / 2);
        }
        String allowStale = params.get("allowStale");
        if (allowStale != null && !allowStale.equals("true") && !allowStale.equals("false")) {
            throw new Invalid("view.parameter.invalid", "allowStale must be true or false, got '" + allowStale + "'");
        }
        String region = params.get("region");
        if (region != null && !mesh.regions().containsKey(region)) {
            throw new Invalid("view.parameter.invalid", "region: no region '" + region + "' in the mesh "
                    + Suggestions.hint(region, mesh.regions().keySet(), "regions"));
        }
        Cursor minOffsets = null;
        if (params.contains("minOffsets")) {
            try {
                minOffsets = CursorCodec.decode(params.get("minOffsets"), stream);
            } catch (CursorException e) {
                throw new Invalid("view.parameter.invalid", "minOffsets must be a cursor of stream '" + stream
                        + "' (from a subscription event): " + e.getMessage());
            }
        }
        int limit = params.contains("limit") ? (int) number(params.get("limit"), "limit", 1, MAX_LIMIT) : 100;
        return new LookupParams(maxStaleness, "true".equals(allowStale), region, minOffsets,
                params.get("prefix") == null ? "" : params.get("prefix"), params.get("after"), limit);
    }

    private static long number(String text, String name, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid("view.parameter.invalid", name + " must be a whole number from " + min
                + (max < Long.MAX_VALUE / 4 ? " to " + max : " up") + ", got '" + text + "'");
    }
}
