package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.LoadTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The test signal of {@code pifan tune}, on a {@link TuneSession}:
 *
 * <ol>
 *   <li><b>passive</b>: the fan stopped for {@value #PASSIVE_S} s, the heatsink's own conductance;
 *   <li><b>cool</b>: full speed until {@value #COOL_END_S} s, the heatsink's capacity as it cools;
 *   <li><b>load steps</b> (simulation only: {@link #trace}): the load between idle and full every
 *       {@value #HALF_PERIOD_S} s for {@value #LOAD_CYCLES} cycles at full fan: the die jumps by
 *       the power step times r_ds within seconds while the heatsink drifts, which is what tells
 *       the die's resistance and capacity from the heatsink's; then full load;
 *   <li><b>ladder</b>: duties from full down to a little above the highest start duty a board of
 *       the profile has, each held until steady (four response times, at least {@value #STEADY_MIN_S}
 *       s, at most {@value #STEADY_MAX_S} s): the steady temperature and response time at each, the
 *       fan's conductance over its range. Descending, so the fan keeps turning throughout;
 *   <li><b>start and stop</b>: the fan's real start and stop duties by bisection ({@link Stiction}).
 * </ol>
 *
 * Any step is cut short when the reading comes within {@value #MARGIN_C} C of the ceiling, and the
 * ladder then ends (lower duties would run hotter); a reading at the ceiling aborts the test.
 */
final class StepTest {

    static final int PASSIVE_S = 600;
    static final int COOL_END_S = 1200;
    static final int HALF_PERIOD_S = 60;
    static final int LOAD_CYCLES = 20;
    /** Where full load starts for good in the simulated trace. */
    static final int FULL_LOAD_S = COOL_END_S + 2 * HALF_PERIOD_S * LOAD_CYCLES;
    static final int STEADY_MIN_S = 180;
    static final int STEADY_MAX_S = 1800;
    static final double RESPONSE_TIMES = 4;
    static final double MARGIN_C = 3;
    /** How often a ladder step looks whether it has settled. */
    static final int CHECK_EVERY_S = 30;
    static final int LADDER_STEPS = 5;
    static final int TACH_ITERATIONS = 12;
    static final int THERMAL_ITERATIONS = 8;
    /** How far above the profile's start duty a board's may lie: the spread of bench --perturb, and more. */
    static final double START_SPREAD = 1.25;

    /** One ladder step: its duty, where it settled, how fast, and whether the ceiling's margin cut it. */
    record LadderStep(double duty, double steadyC, double responseS, int heldS, boolean cut) {
    }

    /** Everything the test measured. */
    record Result(TuneRecording recording, List<LadderStep> ladder, Stiction.Bracket start, Stiction.Bracket stop,
            String stictionMethod, ThermalFit.Result firstFit) {
    }

    private StepTest() {
    }

    /** The load trace of a simulated tune at a fixed room: idle, the load steps, then full load. */
    static LoadTrace trace(double roomC) {
        List<LoadTrace.Row> rows = new ArrayList<>();
        rows.add(new LoadTrace.Row(0, 0, roomC));
        for (int i = 0; i < LOAD_CYCLES; i++) {
            long at = COOL_END_S + 2L * HALF_PERIOD_S * i;
            rows.add(new LoadTrace.Row(at, 1, roomC));
            rows.add(new LoadTrace.Row(at + HALF_PERIOD_S, 0, roomC));
        }
        rows.add(new LoadTrace.Row(FULL_LOAD_S, 1, roomC));
        return new LoadTrace(rows);
    }

    /**
     * Runs the test. {@code loadSteps}: whether the inputs step the load in the block of
     * {@link #trace} (simulation), or hold whatever load the board runs (a real board).
     */
    static Result run(TuneSession session, BoardProfile dataSheet, boolean loadSteps, TuneProgress progress)
            throws TuneAborted {
        try {
            return steps(session, dataSheet, loadSteps, progress);
        } catch (TuneAborted e) {
            if (!e.byUser()) {
                // doubt means full fan: whatever stopped the test, the board is left cooled
                session.fullSpeed();
            }
            throw e;
        }
    }

    private static Result steps(TuneSession session, BoardProfile dataSheet, boolean loadSteps, TuneProgress progress)
            throws TuneAborted {
        session.hold(0, PASSIVE_S, MARGIN_C);
        int passiveEnd = session.now(); // earlier when the margin cut it
        progress.step(session, "passive", 0, "fan stopped");
        int coolEnd = loadSteps ? COOL_END_S : session.now() + (COOL_END_S - PASSIVE_S);
        session.hold(1, coolEnd - session.now(), MARGIN_C);
        progress.step(session, "cool", 1, "fan at full speed");
        if (loadSteps) {
            session.hold(1, FULL_LOAD_S - session.now(), MARGIN_C);
            progress.step(session, "load steps", 1, LOAD_CYCLES + " cycles idle/full of " + HALF_PERIOD_S + " s");
        }
        List<LadderStep> ladder = ladder(session, dataSheet, progress);
        ThermalFit.Result first = ThermalFit.fit(new ModelReplay(session.recording(), dataSheet, dataSheet.dStart(),
                dataSheet.dStop()), startingPoint(session.recording(), dataSheet, ladder, passiveEnd), 0);
        Stiction.Judge judge = session.hasTachometer() ? new Stiction.Tachometer()
                : new Stiction.Thermal(dataSheet, first.estimate());
        int iterations = session.hasTachometer() ? TACH_ITERATIONS : THERMAL_ITERATIONS;
        Stiction.Bracket start = Stiction.start(session, judge, iterations, MARGIN_C, progress);
        Stiction.Bracket stop = Stiction.stop(session, judge, iterations, start.high(), MARGIN_C, progress);
        session.hold(1, 1, MARGIN_C);
        return new Result(session.recording(), ladder, start, stop, judge.method(), first);
    }

    /** The ladder's duties: from full down to above the start duty of any board of the profile. */
    static double[] ladderDuties(BoardProfile dataSheet) {
        double low = Math.min(0.5, dataSheet.dStart() * START_SPREAD + 0.02);
        double[] duties = new double[LADDER_STEPS];
        for (int i = 0; i < LADDER_STEPS; i++) {
            duties[i] = 1 - (1 - low) * i / (LADDER_STEPS - 1);
        }
        return duties;
    }

    private static List<LadderStep> ladder(TuneSession session, BoardProfile dataSheet, TuneProgress progress)
            throws TuneAborted {
        List<LadderStep> steps = new ArrayList<>();
        int n = 0;
        for (double duty : ladderDuties(dataSheet)) {
            n++;
            int from = session.now();
            boolean cut = false;
            StepResponse response = null;
            while (true) {
                if (!session.hold(duty, CHECK_EVERY_S, MARGIN_C)) {
                    cut = true;
                }
                int held = session.now() - from;
                response = StepResponse.fit(readings(session), from, session.now());
                if (cut || held >= STEADY_MAX_S
                        || held >= STEADY_MIN_S && held >= RESPONSE_TIMES * response.tauS()) {
                    break;
                }
            }
            int held = session.now() - from;
            steps.add(new LadderStep(duty, response.steadyC(), response.tauS(), held, cut));
            progress.step(session, "ladder " + n, duty, cut
                    ? String.format(Locale.ROOT, "cut after %d s, %.1f C from the ceiling", held, MARGIN_C)
                    : String.format(Locale.ROOT, "steady %.2f C, response %.0f s", response.steadyC(),
                            response.tauS()));
            if (cut) {
                break;
            }
        }
        return steps;
    }

    private static double[] readings(TuneSession session) {
        double[] celsius = new double[session.now()];
        for (int k = 0; k < celsius.length; k++) {
            celsius[k] = session.reading(k);
        }
        return celsius;
    }

    /**
     * Where the fit starts: g_passive and g_fan from the steady states (the passive phase's last
     * two minutes, the ladder's full-speed step) with the data sheet's r_ds, the rest the data sheet's;
     * a steady state that does not give a plausible value (a passive phase cut short) keeps the
     * data sheet's too.
     */
    static ModelReplay.Thermal startingPoint(TuneRecording rec, BoardProfile dataSheet, List<LadderStep> ladder,
            int passiveEnd) {
        double pIdle = power(dataSheet, rec.load(0));
        double passive = 0;
        int from = Math.max(0, passiveEnd - 120);
        for (int k = from; k < passiveEnd; k++) {
            passive += rec.sensorC(k) / (passiveEnd - from);
        }
        double gPassive = plausible(pIdle / (passive - rec.roomC(0) - pIdle * dataSheet.rDsKPerW()),
                dataSheet.gPassiveWPerK());
        double gFan = dataSheet.gFanWPerK();
        if (!ladder.isEmpty() && !ladder.get(0).cut()) {
            int end = rec.seconds() - 1;
            double p = power(dataSheet, rec.load(end));
            double full = p / (ladder.get(0).steadyC() - rec.roomC(end) - p * dataSheet.rDsKPerW());
            gFan = plausible(full - gPassive, dataSheet.gFanWPerK());
        }
        return ThermalFit.start(dataSheet, gPassive, gFan);
    }

    private static double power(BoardProfile p, double load) {
        return p.pIdleW() + (p.pMaxW() - p.pIdleW()) * load;
    }

    /** {@code value} when within a factor of 3 of the data sheet's, else the data sheet's. */
    private static double plausible(double value, double dataSheet) {
        return value > dataSheet / 3 && value < dataSheet * 3 ? value : dataSheet;
    }
}
