package dev.pifan.cli;

import dev.pifan.hal.sim.RunFigures;
import java.util.Locale;

/** The figures of a run as the one-line JSON object {@code pifan simulate --json} prints. */
final class FiguresJson {

    private FiguresJson() {
    }

    static String of(RunFigures f) {
        return String.format(Locale.ROOT,
                "{\"peak_c\":%s,\"over_target_s\":%d,\"throttled_s\":%d,\"mean_duty\":%s,\"leq_dba\":%s,"
                        + "\"changes_per_h\":%s,\"reversals_per_h\":%s}",
                number(f.peakC()), f.overTargetS(), f.throttledS(), number(f.meanDuty()), number(f.leqDba()),
                number(f.changesPerH()), number(f.reversalsPerH()));
    }

    /** JSON has no NaN or infinity: those become null rather than invalid output. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
