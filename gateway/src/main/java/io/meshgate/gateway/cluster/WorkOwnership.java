package io.meshgate.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.meshgate.config.StreamRoute;
import io.meshgate.observability.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which replication work this instance does when several instances of a region share it. Each route (a stream
 * from one origin) belongs to the live member with the highest hash of (member, route): rendezvous hashing, so
 * every member computes the same owner from the same member list with no coordination, and a member leaving
 * or joining moves only the routes it owned or now owns.
 */
public final class WorkOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOwnership.class);

    private final HazelcastInstance hazelcast;

    public WorkOwnership(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Calls {@code onChange} now and after every membership change, from a Hazelcast thread. */
    public void watch(Consumer<Predicate<StreamRoute>> onChange) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                Events.info(LOG, "cluster.member.joined", "member", event.getMember().getAddress(), "members", event.getMembers().size());
                onChange.accept(current());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Events.warn(LOG, "cluster.member.left", "member", event.getMember().getAddress(), "members", event.getMembers().size());
                onChange.accept(current());
            }
        });
        onChange.accept(current());
    }

    /** Ownership as of the current member list. */
    public Predicate<StreamRoute> current() {
        List<String> members = hazelcast.getCluster().getMembers().stream().map(member -> member.getUuid().toString()).toList();
        String self = hazelcast.getCluster().getLocalMember().getUuid().toString();
        return route -> self.equals(owner(members, route.stream().name() + "|" + route.origin()));
    }

    /** Whether this instance owns a piece of work named {@code work} among the current members. */
    public boolean owns(String work) {
        List<String> members = hazelcast.getCluster().getMembers().stream().map(member -> member.getUuid().toString()).toList();
        return hazelcast.getCluster().getLocalMember().getUuid().toString().equals(owner(members, work));
    }

    /** Calls {@code onChange} from a Hazelcast thread after every membership change. */
    public void onMembershipChange(Runnable onChange) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                onChange.run();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                onChange.run();
            }
        });
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public List<String> memberAddresses() {
        return hazelcast.getCluster().getMembers().stream().map(Member::getAddress).map(Object::toString).toList();
    }

    static String owner(List<String> members, String work) {
        String owner = null;
        long best = Long.MIN_VALUE;
        for (String member : members) {
            long score = score(member, work);
            if (owner == null || score > best || score == best && member.compareTo(owner) < 0) {
                best = score;
                owner = member;
            }
        }
        return owner;
    }

    private static long score(String member, String work) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((member + "\u0000" + work).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = (score << 8) | (digest[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
