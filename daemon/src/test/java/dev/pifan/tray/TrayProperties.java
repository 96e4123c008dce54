package dev.pifan.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tray's promise over random fault schedules: a member that goes silent never leaves the fan
 * slower than full for longer than stale-after plus one interval, and a member heard from again is
 * followed again. Each schedule mixes good reports, lost polls, garbage, repeated ticks, restarts
 * and silences of random length, for three members, ticking at the control interval.
 */
class TrayProperties {

    private static final long MS = 1_000_000L;
    private static final int SCHEDULES = 400;
    private static final int TICKS = 300;

    @Test
    void aSilentMemberNeverLeavesTheFanSlowerThanFullForLongerThanStaleAfterPlusOneInterval() {
        Random random = new Random(20261204L);
        int silences = 0;
        for (int schedule = 0; schedule < SCHEDULES; schedule++) {
            long interval = (500 + random.nextInt(4500)) * MS;
            long staleAfter = interval * (2 + random.nextInt(4)) + random.nextInt(1000) * MS;
            List<String> names = List.of("a", "b", "c");
            Tray tray = new Tray(names, Duration.ofNanos(staleAfter));
            long[] lastNews = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
            long[] ticks = new long[3];
            String[] instance = {"a0", "b0", "c0"};
            int[] silentUntilTick = new int[3];
            for (int t = 0; t < TICKS; t++) {
                long now = t * interval;
                for (int m = 0; m < 3; m++) {
                    if (t < silentUntilTick[m]) {
                        if (random.nextInt(3) == 0) {
                            tray.failed(names.get(m), "connection refused");
                        }
                        continue;
                    }
                    int roll = random.nextInt(100);
                    if (roll < 3) {
                        silentUntilTick[m] = t + 1 + random.nextInt(20);
                        silences++;
                    } else if (roll < 8) {
                        tray.failed(names.get(m), "answer is not JSON");
                    } else if (roll < 12 && lastNews[m] != Long.MIN_VALUE) {
                        tray.heard(names.get(m), report(instance[m], ticks[m], random), now); // the same tick again
                    } else {
                        if (roll < 14) {
                            instance[m] = instance[m] + "r";
                            ticks[m] = 0;
                        }
                        ticks[m]++;
                        tray.heard(names.get(m), report(instance[m], ticks[m], random), now);
                        lastNews[m] = now;
                    }
                }
                Decision own = Decision.curve(Duty.ofPercent(random.nextInt(60)));
                Decision d = tray.decide(own, now);
                for (int m = 0; m < 3; m++) {
                    boolean silentTooLong = lastNews[m] == Long.MIN_VALUE || now - lastNews[m] >= staleAfter;
                    if (silentTooLong) {
                        assertEquals(Duty.FULL, d.duty(), "schedule " + schedule + " tick " + t + ": member "
                                + names.get(m) + " silent since " + lastNews[m] + " ns, now " + now);
                    }
                }
                boolean allFresh = true;
                for (int m = 0; m < 3; m++) {
                    allFresh &= lastNews[m] != Long.MIN_VALUE && now - lastNews[m] < staleAfter;
                }
                if (allFresh) {
                    assertTrue(d.reason() != Reason.PEER_LOST, "schedule " + schedule + " tick " + t
                            + ": every member fresh, yet " + d.detail());
                }
            }
        }
        assertTrue(silences > SCHEDULES, "the schedules silenced members " + silences + " times");
    }

    private static PeerReport report(String instance, long tick, Random random) {
        return new PeerReport(instance, tick, Duty.ofPercent(random.nextInt(80)), Reason.CURVE,
                OptionalDouble.of(40 + random.nextInt(30)), "");
    }
}
