package io.meshgate.gateway.reload;

import io.meshgate.config.MeshConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reloaded config changes, and whether a running gateway can apply it. Streams can come and go at run
 * time; regions, their addresses and link settings are what links are made of, so changing them needs a restart
 * (of every gateway, with the same file), and a reload that tries is refused with the reason. Subscription
 * settings need one too: the limits are counted and the shared rings sized when subscriptions open, and lowering
 * them under open subscriptions would mean choosing which subscribers to drop.
 */
public record MeshChange(List<String> streamsAdded, List<String> streamsRemoved, List<String> streamsChanged,
                         List<String> needsRestart) {

    public MeshChange {
        streamsAdded = List.copyOf(streamsAdded);
        streamsRemoved = List.copyOf(streamsRemoved);
        streamsChanged = List.copyOf(streamsChanged);
        needsRestart = List.copyOf(needsRestart);
    }

    public static MeshChange between(MeshConfig current, MeshConfig reloaded) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        reloaded.streams().forEach((name, stream) -> {
            if (!current.streams().containsKey(name)) {
                added.add(name);
            } else if (!current.streams().get(name).equals(stream)) {
                changed.add(name);
            }
        });
        current.streams().keySet().stream().filter(name -> !reloaded.streams().containsKey(name)).forEach(removed::add);
        List<String> restart = new ArrayList<>();
        if (!current.regions().equals(reloaded.regions())) {
            restart.add("regions changed");
        }
        if (!current.links().equals(reloaded.links())) {
            restart.add("links settings changed");
        }
        if (!current.subscriptions().equals(reloaded.subscriptions())) {
            restart.add("subscriptions settings changed");
        }
        if (!Objects.equals(current.name(), reloaded.name())) {
            restart.add("mesh name changed");
        }
        return new MeshChange(added, removed, changed, restart);
    }

    public boolean isEmpty() {
        return streamsAdded.isEmpty() && streamsRemoved.isEmpty() && streamsChanged.isEmpty() && needsRestart.isEmpty();
    }
}
