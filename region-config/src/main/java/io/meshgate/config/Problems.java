package io.meshgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every problem found while validating, so that one mistake does not hide the next.
 *
 * <pre>{@code
 * Problems p = new Problems();
 * p.require(!origins.isEmpty(), "streams.orders.origins", "stream 'orders': origins must name at least one region");
 * p.throwIfAny();
 * }</pre>
 *
 * <p>Not thread-safe: meant to live inside one constructor or one load.
 */
public final class Problems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    /** Records a problem unless {@code ok}; returns {@code ok} so that dependent checks can be skipped. */
    public boolean require(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    public void add(String field, String message) {
        problems.add(ConfigProblem.of(field, message));
    }

    public void addAll(Collection<ConfigProblem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** A snapshot of the problems so far. */
    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} carrying all problems so far, if there are any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
