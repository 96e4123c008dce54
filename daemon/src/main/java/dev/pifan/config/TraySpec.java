package dev.pifan.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code tray:} section: this node drives one fan for a tray of boards (docs/tray.md), and
 * where its members are. Exactly one way of finding them: a static list, or the Kubernetes API.
 *
 * @param staleAfter how long a member may be silent before it counts as hot
 * @param pollTimeout the deadline of one poll of one member, connect to the last byte
 * @param members the static list, in the file's order; empty with {@code kubernetes}
 * @param kubernetesTray the tray's name for discovery through the Kubernetes API; empty with {@code members}
 */
public record TraySpec(Duration staleAfter, Duration pollTimeout, List<Member> members,
                       Optional<String> kubernetesTray) {

    /** Member names become metric labels and log words: short, plain, as a host name is. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    static final Duration MIN_POLL_TIMEOUT = Duration.ofMillis(10);
    static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_STALE_AFTER = Duration.ofMinutes(10);
    /** stale-after by default, in intervals: one lost poll is not a lost member, three are. */
    static final int DEFAULT_STALE_INTERVALS = 3;
    /** stale-after at least, in intervals: below, one late answer would already run the fan full. */
    static final int MIN_STALE_INTERVALS = 2;

    /**
     * One member of a static list.
     *
     * @param name how logs, metrics and status call it
     * @param address its peer endpoint (its metrics.listen), a host and a port
     */
    public record Member(String name, ListenAddress address) {
        public Member {
            Objects.requireNonNull(address, "address");
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("member name '" + name + "' is not a plain name");
            }
            if (address.allInterfaces()) {
                throw new IllegalArgumentException("member " + name + " needs a host, not :" + address.port());
            }
        }
    }

    public TraySpec {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        members = List.copyOf(members);
        Objects.requireNonNull(kubernetesTray, "kubernetesTray");
        if (members.isEmpty() == kubernetesTray.isEmpty()) {
            throw new IllegalArgumentException("a tray has either a members list or kubernetes discovery, "
                    + (members.isEmpty() ? "and this has neither" : "not both"));
        }
        Set<String> names = new HashSet<>();
        for (Member m : members) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("tray member " + m.name() + " listed twice");
            }
        }
        if (pollTimeout.compareTo(MIN_POLL_TIMEOUT) < 0 || staleAfter.compareTo(pollTimeout) <= 0) {
            throw new IllegalArgumentException("poll-timeout " + pollTimeout + " must be at least 10ms and below"
                    + " stale-after " + staleAfter);
        }
    }

    /** The default stale-after for {@code interval}: three of them. */
    static Duration defaultStaleAfter(Duration interval) {
        return interval.multipliedBy(DEFAULT_STALE_INTERVALS);
    }

    /** The default poll-timeout for {@code interval}: the interval, at most 2 s. */
    static Duration defaultPollTimeout(Duration interval) {
        return interval.compareTo(DEFAULT_POLL_TIMEOUT) < 0 ? interval : DEFAULT_POLL_TIMEOUT;
    }

    /** For the summary of pifan config check: {@code tray of 3 members, stale after 3s}. */
    String summary() {
        return kubernetesTray.map(t -> "tray " + t + " (Kubernetes)").orElse("tray of " + members.size()
                + (members.size() == 1 ? " member" : " members")) + ", stale after " + Units.format(staleAfter);
    }
}
