package dev.pifan.hal.sim;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Runs a bounded simulated board the way the control loop will: each second read the sensors,
 * apply a duty, advance the clock. Test code only.
 */
final class Driver {

    /** Chooses the duty for second k from what the board reports. */
    @FunctionalInterface
    interface Controller {
        double duty(long k, double sensorC, int flags, OptionalInt rpm);
    }

    private Driver() {
    }

    static List<Sample> run(BoardProfile profile, Scenario scenario, Controller controller) {
        List<Sample> samples = new ArrayList<>();
        ManualClock clock = new ManualClock();
        SimulatedBoard board = SimulatedBoard.bounded(profile, scenario, clock, samples::add);
        try {
            for (long k = 0; k < scenario.durationS(); k++) {
                double sensor = board.temperature().readCelsius();
                int flags = board.throttle().read().word();
                OptionalInt rpm = board.fan().readRpm();
                board.fan().apply(Duty.ofRatio(controller.duty(k, sensor, flags, rpm)));
                clock.advanceSeconds(1);
            }
        } catch (HalException impossible) {
            throw new AssertionError("the simulated board does not fail", impossible);
        }
        board.catchUp();
        return samples;
    }

    /** The spec's seed-step baseline with a one-second 0.35 kick when the fan was off. */
    static Controller seedStepWithKick() {
        double[] last = {0};
        return (k, sensorC, flags, rpm) -> {
            double duty = sensorC >= 70 ? 1.0 : sensorC >= 60 ? 0.75 : sensorC >= 50 ? 0.5 : sensorC >= 40 ? 0.3 : 0;
            if (last[0] == 0 && duty > 0 && duty < 0.35) {
                duty = 0.35;
            }
            last[0] = duty;
            return duty;
        };
    }

    /**
     * Open loop: holds a random duty for 1..120 s, then another, favouring values around the
     * profile's start and stop thresholds so the fan starts, stalls and stops often.
     */
    static Controller randomHolds(BoardProfile profile, long seed) {
        Random random = new Random(seed);
        double[] choices = {0, 0.1, profile.dStop() - 0.01, profile.dStop() + 0.01, profile.dStart() - 0.01,
            profile.dStart(), 0.5, 0.75, 1.0};
        double[] duty = {0};
        long[] until = {0};
        return (k, sensorC, flags, rpm) -> {
            if (k >= until[0]) {
                duty[0] = random.nextInt(4) == 0 ? random.nextDouble() : choices[random.nextInt(choices.length)];
                until[0] = k + 1 + random.nextInt(120);
            }
            return duty[0];
        };
    }
}
