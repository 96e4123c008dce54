package dev.pifan.cli;

import dev.pifan.hal.sim.RunFigures;
import dev.pifan.telemetry.Json;

/** The figures of a run as the one-line JSON object {@code pifan simulate --json} prints. */
final class FiguresJson {

    private FiguresJson() {
    }

    static String of(RunFigures f) {
        return fields(Json.writer().beginObject(), f).endObject().toString();
    }

    /** Writes the figures as fields of the object {@code json} has open. */
    static Json.Writer fields(Json.Writer json, RunFigures f) {
        return json.name("peak_c").value(rounded(f.peakC()))
                .name("over_target_s").value(f.overTargetS())
                .name("throttled_s").value(f.throttledS())
                .name("mean_duty").value(rounded(f.meanDuty()))
                .name("leq_dba").value(rounded(f.leqDba()))
                .name("changes_per_h").value(rounded(f.changesPerH()))
                .name("reversals_per_h").value(rounded(f.reversalsPerH()));
    }

    /** A number for a command line: {@code 65}, {@code 0.25}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Four decimals: far below what the model can tell apart, and short to read. NaN stays NaN (JSON null). */
    private static double rounded(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e4) / 1e4 : value;
    }
}
