package dev.pifan.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A line per step of the test on standard error: elapsed time, what ran, its duty, the reading. */
interface TuneProgress {

    void step(TuneSession session, String what, double duty, String result);

    TuneProgress NONE = (session, what, duty, result) -> { };

    /** {@code tune:  1h02m10s  ladder step 3    duty  60.0%   52.5 C  steady 51.9 C, response 142 s}. */
    static TuneProgress to(PrintWriter err, String clock) {
        return (session, what, duty, result) -> {
            err.println(String.format(Locale.ROOT, "tune: %9s %s  %-14s duty %5.1f%%  %5.1f C  %s",
                    elapsed(session.now()), clock, what, duty * 100, session.lastReading(), result).stripTrailing());
            err.flush();
        };
    }

    /** {@code 1h02m10s}, {@code 5m00s}, {@code 42s}. */
    static String elapsed(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", h, m, s)
                : m > 0 ? String.format(Locale.ROOT, "%dm%02ds", m, s) : s + "s";
    }
}
