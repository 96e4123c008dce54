package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of docs/benchmarks.md's tune section: {@code pifan tune --sim} on N plants drawn around
 * each profile as {@code bench --perturb} draws them (seed 1), the fit's error per constant (mean
 * and worst of |fitted / actual - 1|), and how many of the scenario runs on the actual plant meet
 * the three criteria with the proposal and with the profile's defaults. {@code java -cp daemon/target/test-classes:daemon/target/pifan.jar
 * dev.pifan.cli.TuneFitFigures 20}.
 */
final class TuneFitFigures {

    private TuneFitFigures() {
    }

    public static void main(String[] args) throws TuneAborted {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.printf(Locale.ROOT, "%-18s %-9s %9s %9s%n", "profile", "constant", "mean|err|", "worst|err|");
        for (String profile : BoardProfile.names()) {
            BoardProfile base = BoardProfile.named(profile);
            double[] sum = new double[TuneReport.NAMES.length];
            double[] worst = new double[TuneReport.NAMES.length];
            int passed = 0;
            int passedDefaults = 0;
            int runs = 0;
            for (Perturbation.Draw d : Perturbation.around(base, draws, 1)) {
                Optional<Scenario.Noise> noise = Optional.of(new Scenario.Noise(d.sensorNoiseC(), d.noiseSeed()));
                Tuning t = Tuning.simulated(d.plant(), base, 75, noise, TuneProgress.NONE, "fit");
                for (int i = 0; i < sum.length; i++) {
                    double e = Math.abs(TuneReport.constant(t.plant(), i) / TuneReport.constant(d.plant(), i) - 1);
                    sum[i] += e / draws;
                    worst[i] = Math.max(worst[i], e);
                }
                TuneProposal proposal = TuneProposal.of(t.plant(), base, profile, "figures");
                List<Bench.Case> cases = Scenarios.names().stream().map(n -> new Bench.Case(
                        Scenarios.named(n).withNoise(d.sensorNoiseC(), d.noiseSeed()), n)).toList();
                for (Bench.ScenarioResult r : Bench.run(Bench.Board.plant(d.plant(), profile, "p"), cases,
                        proposal.config(), 65, Bench.Progress.NONE, 0, 1)) {
                    runs++;
                    passed += r.verdict().passes() ? 1 : 0;
                }
                for (Bench.ScenarioResult r : Bench.run(Bench.Board.plant(d.plant(), profile, "p"), cases,
                        dev.pifan.config.PifanConfig.defaults(profile), 65, Bench.Progress.NONE, 0, 1)) {
                    passedDefaults += r.verdict().passes() ? 1 : 0;
                }
            }
            for (int i = 0; i < sum.length; i++) {
                System.out.printf(Locale.ROOT, "%-18s %-9s %8.2f%% %9.2f%%%n", i == 0 ? profile : "",
                        TuneReport.NAMES[i], 100 * sum[i], 100 * worst[i]);
            }
            System.out.printf(Locale.ROOT, "%-18s on the actual plants, runs meeting all three criteria: proposal %d of %d,"
                    + " the profile's defaults %d%n", "", passed, runs, passedDefaults);
        }
    }
}
