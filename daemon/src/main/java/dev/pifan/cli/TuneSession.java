package dev.pifan.cli;

import dev.pifan.hal.Board;
import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * One second of a step test at a time: read the board, check that it is safe to go on, drive the
 * fan, record the row, and wait for the next second. Whatever is not safe ends the test with a
 * {@link TuneAborted}: a reading at or over the ceiling, a failed read or write, the firmware
 * reporting under-voltage or throttling, or the user's Ctrl-C.
 */
final class TuneSession {

    /** How time passes: a simulated clock jumps a second, a real board waits for it. */
    interface Pace {
        void second() throws InterruptedException;
    }

    /** The load (0..1) and room temperature of second k: the trace's in simulation, the user's on a board. */
    interface Inputs {
        double load(long k);

        double roomC(long k);
    }

    private final Board board;
    private final Pace pace;
    private final Inputs inputs;
    private final double ceilingC;
    private final BooleanSupplier stopRequested;
    private final TuneRecording.Builder recording = new TuneRecording.Builder();

    TuneSession(Board board, Pace pace, Inputs inputs, double ceilingC, BooleanSupplier stopRequested) {
        this.board = board;
        this.pace = pace;
        this.inputs = inputs;
        this.ceilingC = ceilingC;
        this.stopRequested = stopRequested;
    }

    /** Seconds recorded so far. */
    int now() {
        return recording.size();
    }

    double ceilingC() {
        return ceilingC;
    }

    /** The sensor reading of second k. */
    double reading(int k) {
        return recording.sensorC(k);
    }

    /** The tachometer reading of second k, empty without one. */
    OptionalInt rpm(int k) {
        int rpm = recording.rpm(k);
        return rpm == TuneRecording.NO_RPM ? OptionalInt.empty() : OptionalInt.of(rpm);
    }

    boolean hasTachometer() {
        return board.fan().hasTachometer();
    }

    TuneRecording recording() {
        return recording.build();
    }

    /** The last reading, or NaN before the first second. */
    double lastReading() {
        return now() == 0 ? Double.NaN : reading(now() - 1);
    }

    /** One second at {@code duty}: returns the reading taken at its start. */
    double second(double duty) throws TuneAborted {
        if (stopRequested.getAsBoolean()) {
            throw new TuneAborted("interrupted", true);
        }
        long k = now();
        double celsius;
        try {
            celsius = board.temperature().readCelsius();
        } catch (HalException e) {
            throw new TuneAborted(at(k) + "temperature " + board.temperature().id() + " unreadable: " + e.getMessage(),
                    false);
        }
        if (!(celsius < ceilingC)) {
            throw new TuneAborted(at(k) + String.format(Locale.ROOT, "%.1f C, at or over the ceiling %.1f C",
                    celsius, ceilingC), false);
        }
        ThrottleFlags flags;
        try {
            flags = board.throttle().read();
        } catch (HalException e) {
            throw new TuneAborted(at(k) + "throttle flags " + board.throttle().id() + " unreadable: " + e.getMessage(),
                    false);
        }
        for (ThrottleCondition condition : ThrottleCondition.values()) {
            if (flags.isActive(condition)) {
                // under-voltage slows the clock and the firmware's own throttling changes the power:
                // neither is in the model, and both mean the board is not in a state to test
                throw new TuneAborted(at(k) + "the firmware reports " + condition.label() + " (" + flags + ")", false);
            }
        }
        int rpm = TuneRecording.NO_RPM;
        if (board.fan().hasTachometer()) {
            try {
                rpm = board.fan().readRpm().orElse(TuneRecording.NO_RPM);
            } catch (HalException e) {
                throw new TuneAborted(at(k) + "tachometer of " + board.fan().id() + " unreadable: " + e.getMessage(),
                        false);
            }
        }
        try {
            board.fan().apply(Duty.ofRatio(duty));
        } catch (HalException e) {
            throw new TuneAborted(at(k) + "fan " + board.fan().id() + " write failed: " + e.getMessage(), false);
        }
        recording.add(celsius, rpm, duty, inputs.load(k), inputs.roomC(k));
        try {
            pace.second();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuneAborted("interrupted", true);
        }
        return celsius;
    }

    /** The fan at full speed, after a safety stop: a failed write is reported, never retried at a lower duty. */
    String fullSpeed() {
        try {
            board.fan().apply(Duty.FULL);
            return "the fan is at full speed";
        } catch (HalException e) {
            return "the fan could not be set to full speed: " + e.getMessage();
        }
    }

    /** {@code seconds} seconds at {@code duty}, or fewer when the reading comes within {@code marginC} of the ceiling. */
    boolean hold(double duty, int seconds, double marginC) throws TuneAborted {
        for (int s = 0; s < seconds; s++) {
            double celsius = second(duty);
            if (celsius >= ceilingC - marginC) {
                if (duty >= 1) {
                    // nothing cools it more: the next reading may be the ceiling's, and a test
                    // that cuts every step short measures nothing
                    throw new TuneAborted(at(now() - 1) + String.format(Locale.ROOT,
                            "%.1f C at full fan speed, within %.1f C of the ceiling %.1f C: too hot to test", celsius,
                            marginC, ceilingC), false);
                }
                return false;
            }
        }
        return true;
    }

    private static String at(long k) {
        return "at " + k + " s: ";
    }
}
