package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.telemetry.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code pifan tune} prints: the measurements, the fit with its uncertainty, the proposal and its verdicts. */
final class TuneReport {

    private TuneReport() {
    }

    /** The fitted constants of {@link #NAMES}, in its order. */
    static final String[] NAMES = {"r_ds", "c_die", "c_sink", "g_passive", "g_fan", "d_start", "d_stop"};
    private static final String[] UNITS = {"K/W", "J/K", "J/K", "W/K", "W/K", "", ""};

    static double constant(BoardProfile p, int i) {
        return switch (i) {
            case 0 -> p.rDsKPerW();
            case 1 -> p.cDieJPerK();
            case 2 -> p.cSinkJPerK();
            case 3 -> p.gPassiveWPerK();
            case 4 -> p.gFanWPerK();
            case 5 -> p.dStart();
            default -> p.dStop();
        };
    }

    /** One standard error relative to the constant: the fit's for the thermal ones, the bracket's for the duties. */
    static double relativeError(Tuning t, int i) {
        if (i < 5) {
            return t.fit().relativeError()[i];
        }
        StepTest.Result r = t.test();
        return i == 5 ? r.start().halfWidth() / r.start().estimate() : r.stop().halfWidth() / r.stop().estimate();
    }

    static String text(Tuning t, TuneProposal proposal, List<Bench.ScenarioResult> verdicts,
            Optional<BoardProfile> truth, Path plantOut, Path configOut) {
        StringBuilder out = new StringBuilder();
        BoardProfile d = t.dataSheet();
        StepTest.Result test = t.test();
        out.append(String.format(Locale.ROOT, "pifan tune: %s of step test, %d ladder steps%n",
                TuneProgress.elapsed(test.recording().seconds()), test.ladder().size()));
        out.append(String.format(Locale.ROOT, "data sheet of %s (not fitted): p_idle %s W, p_max %s W, rpm_max %s, "
                + "l_max %s dB(A), tachometer %s%n", d.name(), FiguresJson.number(d.pIdleW()),
                FiguresJson.number(d.pMaxW()), FiguresJson.number(d.rpmMax()), FiguresJson.number(d.lMaxDba()),
                d.tach() ? "yes" : "no"));
        out.append("ladder (full load):\n    duty   steady   response\n");
        for (StepTest.LadderStep s : test.ladder()) {
            out.append(String.format(Locale.ROOT, "  %5.1f%%  %6.2f C  %5.0f s%s%n", s.duty() * 100, s.steadyC(),
                    s.responseS(), s.cut() ? "  (cut: near the ceiling)" : ""));
        }
        out.append(String.format(Locale.ROOT, "fitted (rms %.3f C of sensor minus model over %d s%s):%n",
                t.fit().rmsC(), test.recording().seconds(), t.fit().held()
                        ? "; no load step, so c_die is the data sheet's" : ""));
        for (int i = 0; i < NAMES.length; i++) {
            int index = i;
            double value = constant(t.plant(), i);
            String error = i == 1 && t.fit().held() ? "held"
                    : String.format(Locale.ROOT, "± %.2f%%", 100 * relativeError(t, i));
            String method = i == 5 || i == 6 ? "  (" + test.stictionMethod() + ")" : "";
            String actual = truth.map(p -> String.format(Locale.ROOT, "  actual %.4g (%+.2f%%)", constant(p, index),
                    100 * (value / constant(p, index) - 1))).orElse("");
            out.append(String.format(Locale.ROOT, "  %-9s %9.4g %-3s %-9s%s%s%n", NAMES[i], value, UNITS[i], error,
                    method, actual));
        }
        out.append(String.format(Locale.ROOT, "proposal: min-duty %s, start-duty %s, curve %s%n",
                proposal.config().fan().minDuty(), proposal.config().fan().startDuty(),
                curve(proposal)));
        out.append("pifan simulate of the proposal against the baselines on the fitted plant:\n");
        out.append(Bench.table(verdicts, false));
        long passing = verdicts.stream().filter(r -> r.verdict().passes()).count();
        out.append(String.format(Locale.ROOT, "%d of %d scenario runs meet all three criteria (ceiling, quiet, steady)%n",
                passing, verdicts.size()));
        if (plantOut != null) {
            out.append("wrote ").append(plantOut).append('\n');
        }
        if (configOut != null) {
            out.append("wrote ").append(configOut).append('\n');
        }
        return out.toString();
    }

    private static String curve(TuneProposal proposal) {
        StringBuilder text = new StringBuilder();
        for (var p : proposal.config().curve().points()) {
            text.append(text.length() == 0 ? "" : ", ").append(FiguresJson.number(p.celsius())).append(" C ")
                    .append(FiguresJson.number(Math.round(p.duty().percent() * 10) / 10.0)).append('%');
        }
        return text.toString();
    }

    static String json(Tuning t, TuneProposal proposal, List<Bench.ScenarioResult> verdicts,
            Optional<BoardProfile> truth) {
        StepTest.Result test = t.test();
        Json.Writer json = Json.writer().beginObject()
                .name("profile").value(t.dataSheet().name())
                .name("test_s").value(test.recording().seconds())
                .name("rms_c").value(t.fit().rmsC())
                .name("stiction_method").value(test.stictionMethod())
                .name("ladder").beginArray();
        for (StepTest.LadderStep s : test.ladder()) {
            json.beginObject().name("duty").value(s.duty()).name("steady_c").value(s.steadyC())
                    .name("response_s").value(s.responseS()).name("held_s").value(s.heldS()).name("cut").value(s.cut())
                    .endObject();
        }
        json.endArray().name("fitted").beginObject();
        for (int i = 0; i < NAMES.length; i++) {
            json.name(NAMES[i]).beginObject().name("value").value(constant(t.plant(), i))
                    .name("relative_error").value(i == 1 && t.fit().held() ? 0 : relativeError(t, i))
                    .name("held").value(i == 1 && t.fit().held());
            int index = i;
            truth.ifPresent(p -> json.name("actual").value(constant(p, index))
                    .name("error").value(constant(t.plant(), index) / constant(p, index) - 1));
            json.endObject();
        }
        json.endObject().name("proposal").beginObject()
                .name("min_duty").value(proposal.config().fan().minDuty().ratio())
                .name("start_duty").value(proposal.config().fan().startDuty().ratio())
                .name("top_duty").value(proposal.topDuty())
                .endObject().name("verdicts").beginArray();
        for (Bench.ScenarioResult r : verdicts) {
            Bench.Verdict v = r.verdict();
            json.beginObject().name("scenario").value(r.scenario().name()).name("ceiling").value(v.ceiling())
                    .name("quiet").value(v.quiet()).name("steady").value(v.steady()).name("detail").value(v.detail())
                    .endObject();
        }
        return json.endArray().endObject() + "\n";
    }
}
