package dev.pifan.tray;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tray node's view of its members, and the rule that runs one shared fan for all of them: the
 * fan runs at least what the neediest board asks for, and a member that cannot say what it needs
 * counts as hot.
 *
 * <p>Only the arrival of a report that is news (see {@link PeerReport#isNewerThan}) makes a member
 * alive; a failed poll, an unreadable answer or the same tick again change nothing but the error
 * shown. So nothing that can be lost on the network turns the fan down: losing reports only ever
 * ends in {@link Reason#PEER_LOST} at full speed, at the latest {@code staleAfter} after the last
 * one that was news (plus the tick that notices it).
 *
 * <p>Thread-safe: pollers report from their threads, the control loop decides on its own.
 */
public final class Tray {

    private final Duration staleAfter;
    private final Map<String, Heard> members = new LinkedHashMap<>();

    private record Heard(PeerReport report, long nanos, String error) {
    }

    /**
     * @param members the members' names, in the tray's order (the first lost one is the one named);
     *     none is a tray of this node alone (a discovery that found no other node)
     * @param staleAfter how long a member may be silent before it counts as hot
     */
    public Tray(List<String> members, Duration staleAfter) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("stale-after must be positive: " + staleAfter);
        }
        this.staleAfter = staleAfter;
        for (String m : members) {
            if (this.members.put(m, new Heard(null, 0, null)) != null) {
                throw new IllegalArgumentException("tray member '" + m + "' listed twice");
            }
        }
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public synchronized List<String> memberNames() {
        return List.copyOf(members.keySet());
    }

    /**
     * Makes the tray these members (a discovery's change). A new member counts as lost until it is
     * heard from; one that left is forgotten. Call it only on word that a member left the tray
     * (its node unlabelled or deleted), never because it cannot be reached: an unreachable member
     * must stay, and count as hot.
     */
    public synchronized void setMembers(java.util.Collection<String> names) {
        members.keySet().retainAll(names);
        for (String m : names) {
            members.putIfAbsent(m, new Heard(null, 0, null));
        }
    }

    /** A poll of {@code member} answered with {@code report} at {@code nanos}. */
    public synchronized void heard(String member, PeerReport report, long nanos) {
        Heard before = known(member);
        if (report.isNewerThan(before.report)) {
            members.put(member, new Heard(report, nanos, null));
        } else {
            members.put(member, new Heard(before.report, before.nanos,
                    "the same tick " + report.tick() + " again: its control loop has not moved"));
        }
    }

    /** A poll of {@code member} failed: nothing is learned, the failure is shown. */
    public synchronized void failed(String member, String why) {
        Heard before = known(member);
        members.put(member, new Heard(before.report, before.nanos, why));
    }

    /** Each member as it stands at {@code nanos}, in the tray's order. */
    public synchronized List<MemberState> members(long nanos) {
        List<MemberState> out = new ArrayList<>(members.size());
        members.forEach((name, h) -> {
            boolean ever = h.report != null;
            Optional<Duration> silent = ever ? Optional.of(Duration.ofNanos(nanos - h.nanos)) : Optional.empty();
            boolean stale = silent.map(s -> s.compareTo(staleAfter) >= 0).orElse(true);
            out.add(new MemberState(name, Optional.ofNullable(h.report), ever ? OptionalLong.of(h.nanos)
                    : OptionalLong.empty(), silent, stale, Optional.ofNullable(h.error)));
        });
        return out;
    }

    /**
     * The shared fan's decision: this node's own, unless a member needs more. A safety reason of
     * this node's own stands; then a lost member, then a member's safety rule, both at full speed;
     * then the highest request above this node's own.
     */
    public Decision decide(Decision own, long nanos) {
        if (own.reason().isSafety()) {
            return own;
        }
        List<MemberState> states = members(nanos);
        for (MemberState m : states) {
            if (m.stale()) {
                return full(own, Reason.PEER_LOST, lostDetail(m));
            }
        }
        MemberState neediest = null;
        for (MemberState m : states) {
            PeerReport r = m.last().orElseThrow();
            if (r.reason().isSafety()) {
                return full(own, Reason.PEER_SAFETY, "tray member " + m.member() + ": " + r.reason().label()
                        + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
            }
            if (neediest == null || r.requested().compareTo(neediest.last().orElseThrow().requested()) > 0) {
                neediest = m;
            }
        }
        if (neediest == null) {
            return own; // no member: this node cools itself alone
        }
        PeerReport need = neediest.last().orElseThrow();
        if (need.requested().compareTo(own.duty()) <= 0) {
            return own;
        }
        return new Decision(need.requested(), own.curveDuty(), Reason.PEER, "tray member " + neediest.member()
                + " asks for " + need.requested() + " (" + need.reason().label() + ")", own.quiet());
    }

    private static Decision full(Decision own, Reason reason, String detail) {
        return new Decision(Duty.FULL, own.curveDuty(), reason, detail, own.quiet());
    }

    private String lostDetail(MemberState m) {
        String error = m.lastError().map(e -> ": " + e).orElse("");
        if (m.silentFor().isEmpty()) {
            return "tray member " + m.member() + " not heard from yet" + error;
        }
        return String.format(Locale.ROOT, "tray member %s not heard from for %.1f s (stale after %.1f s)%s",
                m.member(), m.silentFor().get().toMillis() / 1000.0, staleAfter.toMillis() / 1000.0, error);
    }

    private Heard known(String member) {
        Heard h = members.get(member);
        if (h == null) {
            throw new IllegalArgumentException("'" + member + "' is not a member of this tray: " + members.keySet());
        }
        return h;
    }
}
