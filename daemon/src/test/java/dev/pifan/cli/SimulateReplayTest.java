package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.sim.ReferencePlant;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.SampleCsv;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's promise, end to end: the {@code duty} column of {@code pifan simulate --csv}, replayed
 * through an independent transcription of thermal-model.md, gives the same {@code die_c} within
 * 0.01 C. This runs the real CLI, the real control loop and the CSV as written to disk.
 */
class SimulateReplayTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "pi4-heatsink, sustained-25, pifan",
        "pi4-heatsink, rack-33, gpio-fan",
        "pi5-active-cooler, bursty-ci, pifan",
        "pi5-active-cooler, brownout, pi5-firmware",
        "cm4-blade, fan-stall, pifan",
        "cm4-blade, august-30, fancontrol-linear",
        "pi4-heatsink, rack-33, seed-step",
    })
    void replayingTheDutyColumnReproducesDieTemperature(String profile, String scenario, String controller)
            throws Exception {
        Path csv = dir.resolve(profile + "-" + scenario + ".csv");
        Cli cli = Cli.run("simulate", "--profile", profile, "--scenario", scenario, "--controller", controller,
                "--csv", csv.toString());
        assertEquals(0, cli.exitCode(), cli.err());

        List<Sample> rows = SampleCsv.read(csv);
        Scenario spec = Scenarios.named(scenario);
        assertEquals(spec.durationS(), rows.size());
        ReferencePlant reference = new ReferencePlant(profile, rows.get(0).load(), rows.get(0).ambientC());
        double worst = 0;
        for (Sample row : rows) {
            long k = row.timeS() - 1;
            reference.second(row.load(), row.ambientC(), spec.isUnderVoltage(k), spec.isFanStalled(k), row.duty());
            worst = Math.max(worst, Math.abs(reference.tDie - row.dieC()));
            assertEquals(reference.flags, row.throttled(), "throttled at time_s " + row.timeS());
        }
        assertTrue(worst <= 0.01, "worst die_c difference " + worst + " C");
    }
}
