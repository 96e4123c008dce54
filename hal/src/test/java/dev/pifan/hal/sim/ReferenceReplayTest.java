package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec's promise: anyone can replay the {@code duty} column of a simulator CSV through the
 * spec and get the same {@code die_c} within 0.01 °C. A SimulatedBoard runs, the CSV is written and
 * read back, and {@link ReferencePlant} replays it. Faults are given to the reference as plain
 * numbers from the spec's scenario table, not taken from {@link Scenarios}.
 */
class ReferenceReplayTest {

    private static final long NO_STALL = Long.MAX_VALUE;

    /** One run: a board, a scenario, the faults as the reference sees them, and a controller. */
    record Case(String profile, Scenario scenario, long[][] windows, long stallAtS,
            Function<BoardProfile, Driver.Controller> controller) {

        @Override
        public String toString() {
            return profile + " / " + scenario.name() + (scenario.noise().isPresent() ? " (noisy)" : "");
        }
    }

    static Stream<Case> cases() {
        long[][] none = {};
        long[][] brownout = {{600, 900}, {2400, 2460}};
        Function<BoardProfile, Driver.Controller> step = profile -> Driver.seedStepWithKick();
        return Stream.of(
                new Case("pi4-heatsink", Scenarios.named("sustained-25"), none, NO_STALL, step),
                new Case("pi5-active-cooler", Scenarios.named("brownout"), brownout, NO_STALL,
                        profile -> Driver.randomHolds(profile, 1)),
                new Case("pi5-active-cooler", Scenarios.named("fan-stall"), none, 1800, step),
                new Case("cm4-blade", Scenarios.named("brownout"), brownout, NO_STALL, step),
                new Case("cm4-blade", Scenarios.named("bursty-ci"), none, NO_STALL,
                        profile -> Driver.randomHolds(profile, 2)),
                new Case("pi4-heatsink", Scenarios.named("rack-33").withNoise(0.5, 9), none, NO_STALL,
                        profile -> Driver.randomHolds(profile, 3)),
                new Case("pi5-active-cooler", Scenarios.named("august-30"), none, NO_STALL,
                        profile -> Driver.randomHolds(profile, 4)),
                new Case("cm4-blade", Scenarios.named("fan-stall").withNoise(1.0, 5), none, 1800, step),
                new Case("pi5-active-cooler", Scenarios.named("idle-25").withDuration(2000)
                        .withUnderVoltage(new Scenario.Window(100, 130)).withFanStallAt(1500),
                        new long[][] {{100, 130}}, 1500, profile -> Driver.randomHolds(profile, 6)),
                // a closed box that heats up, fan stalled: even the lowest clock cannot stay below 85 °C
                new Case("cm4-blade", Scenario.of("hot-box", 1800, hotBox()).withFanStallAt(600), none, 600, step));
    }

    private static LoadTrace hotBox() {
        try {
            return LoadTrace.parse(new StringReader("time_s,load,ambient_c\n0,0.05,40\n300,1,40\n900,1,50\n"
                    + "1200,1,60\n"), "hot-box.csv");
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void replayingTheDutyColumnGivesTheSameDieTemperature(Case run) throws IOException {
        List<Sample> csv = writeAndReadBack(simulate(run));
        assertEquals(run.scenario().durationS(), csv.size());
        ReferencePlant reference = replay(run, csv, true);
        assertTrue(reference.starts + reference.stops > 0 || run.profile().equals("pi4-heatsink"),
                "the run never moved the fan");
    }

    @Test
    void theCasesExerciseEveryMechanism() throws IOException {
        int thermalThrottling = 0;
        int hardLimit = 0;
        int underVoltage = 0;
        int stalledWhileDriven = 0;
        int fanStarts = 0;
        int fanStops = 0;
        for (Case run : cases().toList()) {
            List<Sample> csv = writeAndReadBack(simulate(run));
            ReferencePlant reference = replay(run, csv, false);
            fanStarts += reference.starts;
            fanStops += reference.stops;
            for (Sample sample : csv) {
                thermalThrottling += sample.freqRatio() < 1 && !sample.underVoltage() ? 1 : 0;
                hardLimit += (sample.throttled() & 0x5) == 0x4 ? 1 : 0;
                underVoltage += sample.underVoltage() ? 1 : 0;
                stalledWhileDriven += sample.timeS() > run.stallAtS() && sample.duty() > 0.5 ? 1 : 0;
            }
        }
        assertTrue(thermalThrottling > 100, "DVFS throttling: " + thermalThrottling);
        assertTrue(hardLimit > 0, "85 °C hard limit: " + hardLimit);
        assertTrue(underVoltage > 100, "under-voltage: " + underVoltage);
        assertTrue(stalledWhileDriven > 100, "stall: " + stalledWhileDriven);
        assertTrue(fanStarts > 20 && fanStops > 20, "fan starts " + fanStarts + ", stops " + fanStops);
    }

    private static List<Sample> simulate(Case run) {
        BoardProfile profile = BoardProfile.named(run.profile());
        return Driver.run(profile, run.scenario(), run.controller().apply(profile));
    }

    private static List<Sample> writeAndReadBack(List<Sample> samples) throws IOException {
        StringWriter csv = new StringWriter();
        SampleCsv.write(csv, samples);
        return SampleCsv.read(new StringReader(csv.toString()), "replay.csv");
    }

    private static ReferencePlant replay(Case run, List<Sample> csv, boolean check) {
        ReferencePlant reference = new ReferencePlant(run.profile(), csv.get(0).load(), csv.get(0).ambientC());
        double worst = 0;
        for (Sample row : csv) {
            long k = row.timeS() - 1;
            reference.second(row.load(), row.ambientC(), covered(run.windows(), k), k >= run.stallAtS(), row.duty());
            double error = Math.abs(reference.tDie - row.dieC());
            worst = Math.max(worst, error);
            if (check) {
                assertTrue(error <= 0.01, "time_s " + row.timeS() + ": reference " + reference.tDie + " °C, csv "
                        + row.dieC() + " °C");
                assertEquals(reference.flags, row.throttled(), "flags at time_s " + row.timeS());
                assertEquals(reference.phi, row.freqRatio(), 0.0001, "freq_ratio at time_s " + row.timeS());
            }
        }
        if (check) {
            // the CSV rounds die_c to 4 decimals; anything more means the transcriptions differ
            assertTrue(worst <= 0.00006, "worst difference " + worst + " °C");
        }
        return reference;
    }

    private static boolean covered(long[][] windows, long k) {
        for (long[] window : windows) {
            if (window[0] <= k && k < window[1]) {
                return true;
            }
        }
        return false;
    }
}
