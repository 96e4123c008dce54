package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Plant;

/**
 * The thermal model of thermal-model.md replayed on a recording's inputs (duty, load, room) with
 * candidate constants: the die temperature it predicts at the start of every recorded second,
 * which is when the board read its sensor.
 *
 * <p>The same Euler steps as {@link Plant#advance}, in the same order (ModelReplayTest holds it
 * to {@code Plant} within rounding). The fan's speed does not depend on the thermal constants, only on the
 * duty and the fan's start and stop duties, so its conductance shape {@code (rpm / rpm_max)^0.8}
 * is computed once per 0.1 s step and each candidate costs a few multiplications a step: a fit
 * replays the recording thousands of times. Throttling is not modelled: the step test stops
 * below the firmware's 80 C.
 */
final class ModelReplay {

    /** The five thermal constants a fit moves. */
    record Thermal(double rDs, double cDie, double cSink, double gPassive, double gFan) {

        static Thermal of(BoardProfile p) {
            return new Thermal(p.rDsKPerW(), p.cDieJPerK(), p.cSinkJPerK(), p.gPassiveWPerK(), p.gFanWPerK());
        }

        BoardProfile into(BoardProfile base, String name, double dStart, double dStop) {
            return new BoardProfile(name, base.pIdleW(), base.pMaxW(), cDie, rDs, cSink, gPassive, gFan,
                    base.rpmMax(), dStart, dStop, base.lMaxDba(), base.tach());
        }
    }

    private final TuneRecording recording;
    private final double[] powerW;
    private final double[] fanShape;

    /**
     * @param dataSheet gives p_idle, p_max and rpm_max
     */
    ModelReplay(TuneRecording recording, BoardProfile dataSheet, double dStart, double dStop) {
        this.recording = recording;
        int n = recording.seconds();
        powerW = new double[n];
        fanShape = new double[n * Plant.STEPS_PER_SECOND];
        boolean running = false;
        double speed = 0;
        double rpmMax = dataSheet.rpmMax();
        for (int k = 0; k < n; k++) {
            powerW[k] = dataSheet.pIdleW() + (dataSheet.pMaxW() - dataSheet.pIdleW()) * recording.load(k);
            double duty = recording.duty(k);
            for (int step = 0; step < Plant.STEPS_PER_SECOND; step++) {
                if (running && duty < dStop) {
                    running = false;
                } else if (!running && duty >= dStart) {
                    running = true;
                }
                double target = running ? rpmMax * duty : 0.0;
                speed += (target - speed) * Plant.DT_S / Plant.TAU_FAN_S;
                fanShape[k * Plant.STEPS_PER_SECOND + step] = StrictMath.pow(speed / rpmMax, 0.8);
            }
        }
    }

    TuneRecording recording() {
        return recording;
    }

    /** The power of the first second: what sets the die's height over the sink at the start. */
    double firstPowerW() {
        return powerW[0];
    }

    /**
     * The predicted die temperature at the start of each second, from a sink at {@code sink0C} and a
     * die settled over it ({@code sink + P * r_ds}) at second 0.
     */
    double[] die(Thermal t, double sink0C) {
        int n = recording.seconds();
        double[] predicted = new double[n];
        double sink = sink0C;
        double die = sink0C + powerW[0] * t.rDs();
        double dt = Plant.DT_S;
        // Plant.advance's expressions, with the divisions by constants of the candidate taken
        // out of the loop: the same model, not bit for bit the same rounding (ModelReplayTest)
        double perRDs = 1 / t.rDs();
        double dieGain = dt / t.cDie();
        double sinkGain = dt / t.cSink();
        double gPassive = t.gPassive();
        double gFan = t.gFan();
        for (int k = 0; k < n; k++) {
            predicted[k] = die;
            double power = powerW[k];
            double room = recording.roomC(k);
            int base = k * Plant.STEPS_PER_SECOND;
            for (int step = 0; step < Plant.STEPS_PER_SECOND; step++) {
                double g = gPassive + gFan * fanShape[base + step];
                double q = (die - sink) * perRDs;
                double newDie = die + (power - q) * dieGain;
                double newSink = sink + (q - g * (sink - room)) * sinkGain;
                die = newDie;
                sink = newSink;
            }
        }
        return predicted;
    }

    /** The sum of squared differences between the prediction and the sensor, over seconds from..to-1. */
    double squaredError(Thermal t, double sink0C, int from, int to) {
        double[] predicted = die(t, sink0C);
        double sum = 0;
        for (int k = from; k < to; k++) {
            double e = predicted[k] - recording.sensorC(k);
            sum += e * e;
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }
}
