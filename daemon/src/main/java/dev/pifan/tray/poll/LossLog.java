package dev.pifan.tray.poll;

import dev.pifan.tray.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which lines to log about members: one when a member is lost, one when it is heard from again,
 * not one a tick. A member never heard from is given stale-after from when it joined before it is
 * called lost, so that a start (every member unheard for one round) logs nothing alarming.
 */
final class LossLog {

    /** One line to log: a warning when {@code lost}, else information. */
    record Event(boolean lost, String text) {
    }

    private final Duration staleAfter;
    private final Map<String, Long> joined = new HashMap<>();
    /** The state last logged; absent while nothing was. */
    private final Map<String, Boolean> logged = new HashMap<>();

    LossLog(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    List<Event> update(List<MemberState> states, long nanos) {
        List<Event> events = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (MemberState m : states) {
            present.add(m.member());
            long since = joined.computeIfAbsent(m.member(), name -> nanos);
            Boolean was = logged.get(m.member());
            if (m.stale()) {
                boolean inGrace = m.silentFor().isEmpty() && nanos - since < staleAfter.toNanos();
                if (!inGrace && !Boolean.TRUE.equals(was)) {
                    logged.put(m.member(), true);
                    events.add(new Event(true, lost(m, nanos - since)));
                }
            } else if (!Boolean.FALSE.equals(was)) {
                logged.put(m.member(), false);
                events.add(new Event(false, heard(m, was != null)));
            }
        }
        joined.keySet().retainAll(present);
        logged.keySet().retainAll(present);
        return events;
    }

    private String lost(MemberState m, long sinceJoined) {
        String silent = m.silentFor().map(s -> "not heard from for " + seconds(s.toNanos()))
                .orElse("never heard from in " + seconds(sinceJoined));
        return "tray member " + m.member() + " lost: " + silent + " (stale after " + seconds(staleAfter.toNanos())
                + ")" + m.lastError().map(e -> ", last poll: " + e).orElse("") + "; the fan runs at full speed"
                + " (peer_lost) until it is heard from again";
    }

    private static String heard(MemberState m, boolean again) {
        String asks = m.last().map(r -> ": asks " + r.requested() + " (" + r.reason().label() + ")").orElse("");
        return "tray member " + m.member() + " heard from" + (again ? " again" : "") + asks;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
