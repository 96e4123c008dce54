package dev.pifan.hal.sim;

import java.util.List;

/**
 * Prints how long one simulated hour takes: a bounded board on a hand-advanced clock, driven by
 * the seed-step controller, recording samples and figures. Not a test (surefire does not pick it
 * up) and it asserts nothing; run it by hand:
 *
 * <pre>{@code
 * mvn -q -pl hal test-compile
 * java -cp hal/target/classes:hal/target/test-classes dev.pifan.hal.sim.SimulatedBoardBench
 * }</pre>
 */
public final class SimulatedBoardBench {

    private SimulatedBoardBench() {
    }

    public static void main(String[] args) {
        BoardProfile profile = BoardProfile.PI5_ACTIVE_COOLER;
        Scenario scenario = Scenarios.named("brownout");
        for (int run = 1; run <= 10; run++) {
            long start = System.nanoTime();
            List<Sample> samples = Driver.run(profile, scenario, Driver.seedStepWithKick());
            RunFigures figures = RunFigures.of(samples, profile);
            long micros = (System.nanoTime() - start) / 1000;
            System.out.printf("run %2d: one simulated hour (%d samples) in %.2f ms, peak %.2f °C%n",
                    run, samples.size(), micros / 1000.0, figures.peakC());
        }
    }
}
