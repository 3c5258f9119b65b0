package io.meshgate.gateway.reload;

import io.meshgate.config.MeshConfig;
import io.meshgate.config.SecurityConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reloaded config changes, and whether a running gateway can apply it. Streams can come and go at run
 * time; regions, their addresses and link settings are what links are made of, so changing them needs a restart
 * (of every gateway, with the same file), and a reload that tries is refused with the reason. Who may do what
 * ({@code security.readers} and {@code admins}) changes at run time too ({@code accessChanged}); how tokens are
 * checked ({@code security.jwt}), or whether there is a security section at all, needs a restart. Subscription
 * settings need one too: the limits are counted and the shared rings sized when subscriptions open, and lowering
 * them under open subscriptions would mean choosing which subscribers to drop.
 */
public record MeshChange(List<String> streamsAdded, List<String> streamsRemoved, List<String> streamsChanged,
                         List<String> needsRestart, boolean accessChanged) {

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
        if (!current.views().equals(reloaded.views())) {
            restart.add("views changed");  // builders, stores and peers' view lists are set up at start
        }
        if (!Objects.equals(current.name(), reloaded.name())) {
            restart.add("mesh name changed");
        }
        SecurityConfig before = current.security();
        SecurityConfig after = reloaded.security();
        boolean accessChanged = false;
        if ((before == null) != (after == null)) {
            restart.add(after == null ? "security section removed" : "security section added");
        } else if (before != null) {
            if (!sameTokenRules(before, after)) {
                restart.add("security.jwt changed");
            }
            if (!Objects.equals(before.linkSecretEnv(), after.linkSecretEnv())
                    || !Objects.equals(before.linkSecretFile(), after.linkSecretFile())) {
                restart.add("security.links changed");
            }
            accessChanged = !before.readers().equals(after.readers()) || !before.admins().equals(after.admins());
        }
        return new MeshChange(added, removed, changed, restart, accessChanged);
    }

    private static boolean sameTokenRules(SecurityConfig a, SecurityConfig b) {
        return Objects.equals(a.hmacSecretEnv(), b.hmacSecretEnv()) && Objects.equals(a.publicKeyFile(), b.publicKeyFile())
                && Objects.equals(a.issuer(), b.issuer()) && Objects.equals(a.audience(), b.audience())
                && Objects.equals(a.rolesClaim(), b.rolesClaim());
    }

    public boolean isEmpty() {
        return streamsAdded.isEmpty() && streamsRemoved.isEmpty() && streamsChanged.isEmpty() && needsRestart.isEmpty()
                && !accessChanged;
    }
}
