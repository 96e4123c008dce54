package dev.pifan.hal.sim;

import dev.pifan.hal.Board;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.TemperatureSensor;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A board made of the reference {@link Plant}, driven by a {@link Scenario} and a {@link
 * MonotonicClock}, that the daemon cannot tell from hardware.
 *
 * <h2>Time</h2>
 *
 * Simulated second k is {@code floor(elapsed clock nanos since construction / 1e9)}. Every public
 * read and apply first <em>catches up</em>: for each whole second the clock has passed that is not
 * yet simulated, it runs the plant step with the duty last applied (0 before any apply), records
 * the sample for {@code time_s = k + 1}, and starts the next second (inputs, firmware, sensor).
 * Construction computes the initial steady state and starts second 0.
 *
 * <p>So a driver on a hand-advanced clock that does, for k = 0..N-1, "read the sensors, apply a
 * duty, advance the clock 1 s" and then calls {@link #catchUp()} once more gets exactly N samples
 * ({@code time_s} 1..N), each with the duty applied during its second. On {@link
 * MonotonicClock#system()} the same board runs in real time, however often it is read.
 *
 * <h2>Horizon</h2>
 *
 * A {@link #bounded} board (for {@code pifan simulate} and benchmarks) never simulates beyond the
 * scenario's duration D: after sample D it starts second D like any other (so reads show the final
 * die temperature) and then holds: reads keep returning that state, applies are remembered but
 * never simulated, no more samples come, and {@link #isComplete()} turns true. An
 * {@link #openEnded} board (for {@code pifan run --sim}) ignores the duration and keeps going: the
 * trace holds its last row for ever, windows and a stall still apply by time, and samples keep
 * coming.
 *
 * <p>Thread-safe: the control loop applies and reads while {@code /status} may ask for the last
 * sample. Nothing here throws {@link dev.pifan.hal.HalException}; fault injection will wrap the
 * small view classes.
 */
public final class SimulatedBoard implements Board {

    /** How far a board simulates. */
    public enum Horizon {
        /** Up to the scenario's duration, then hold. */
        SCENARIO_DURATION,
        /** For ever, holding the trace's last row. */
        OPEN_ENDED
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final BoardProfile profile;
    private final Scenario scenario;
    private final MonotonicClock clock;
    private final long originNanos;
    private final Horizon horizon;
    private final SampleListener listener;
    /** Sensor noise source, one draw per second; null without noise. */
    private final Random noise;
    private final double noiseSigmaC;
    private final BoardModel model;
    private final SimulatedTemperature temperature = new SimulatedTemperature();
    private final SimulatedThrottle throttle = new SimulatedThrottle();
    private final SimulatedFan fan = new SimulatedFan();

    // the current second, guarded by this
    private long second;
    private SecondInputs inputs;
    private Plant plant;
    private double sensorC;
    private double duty;
    private Sample lastSample;

    private SimulatedBoard(
            BoardProfile profile, Scenario scenario, MonotonicClock clock, Horizon horizon, SampleListener listener) {
        if (profile == null || scenario == null || clock == null || horizon == null || listener == null) {
            throw new IllegalArgumentException("a simulated board needs a profile, a scenario, a clock, a horizon"
                    + " and a listener (SampleListener.ignoring() when nobody records)");
        }
        this.profile = profile;
        this.scenario = scenario;
        this.clock = clock;
        this.horizon = horizon;
        this.listener = listener;
        this.noise = scenario.noise().map(n -> new Random(n.seed())).orElse(null);
        this.noiseSigmaC = scenario.noise().map(Scenario.Noise::sigmaC).orElse(0.0);
        this.model = BoardModel.simulated(profile.name());
        this.originNanos = clock.nanos();
        SecondInputs first = scenario.inputsAt(0);
        this.plant = Plant.steadyState(profile, first.load(), first.ambientC());
        this.duty = 0.0;
        this.second = 0;
        beginSecond();
    }

    /**
     * A board that simulates the scenario's duration and then holds, for {@code pifan simulate}:
     * the listener gets exactly {@code scenario.durationS()} samples.
     */
    public static SimulatedBoard bounded(
            BoardProfile profile, Scenario scenario, MonotonicClock clock, SampleListener listener) {
        return new SimulatedBoard(profile, scenario, clock, Horizon.SCENARIO_DURATION, listener);
    }

    /** A board that runs for as long as it is used, for {@code pifan run --sim} on the system clock. */
    public static SimulatedBoard openEnded(
            BoardProfile profile, Scenario scenario, MonotonicClock clock, SampleListener listener) {
        return new SimulatedBoard(profile, scenario, clock, Horizon.OPEN_ENDED, listener);
    }

    /** Steps 1 to 3 of the spec for {@link #second}. */
    private void beginSecond() {
        inputs = scenario.inputsAt(second);
        plant = plant.firmware(inputs.underVoltage());
        double noiseC = noise == null ? 0.0 : noise.nextGaussian() * noiseSigmaC;
        sensorC = plant.sensorCelsius(noiseC);
    }

    /**
     * Simulates every whole second the clock has passed (up to the duration when bounded).
     * A bounded driver calls this once after advancing the clock past its last second, so that
     * the last second is recorded.
     *
     * @return the number of seconds simulated so far, which is the number of samples recorded
     */
    public synchronized long catchUp() {
        long elapsed = clock.nanos() - originNanos;
        long target = Math.max(0, elapsed) / NANOS_PER_SECOND;
        if (horizon == Horizon.SCENARIO_DURATION) {
            target = Math.min(target, scenario.durationS());
        }
        while (second < target) {
            boolean underVoltage = inputs.underVoltage();
            Plant next = plant.advance(duty, inputs);
            Sample sample = new Sample(second + 1, inputs.load(), inputs.ambientC(), next.dieC(), sensorC, duty,
                    next.rpm(), plant.freqRatio(underVoltage), plant.reportedFlags(), underVoltage);
            plant = next;
            second++;
            beginSecond();
            lastSample = sample;
            // last, so a listener that reads the board sees a consistent state
            listener.onSample(sample);
        }
        return second;
    }

    /** Seconds simulated so far (after catching up): the number of samples recorded. */
    public long simulatedSeconds() {
        return catchUp();
    }

    /** Whether a bounded board has recorded its whole scenario; never true for an open-ended one. */
    public synchronized boolean isComplete() {
        catchUp();
        return horizon == Horizon.SCENARIO_DURATION && second >= scenario.durationS();
    }

    /** The most recent sample (after catching up), for status displays; empty before the first second ends. */
    public synchronized Optional<Sample> lastSample() {
        catchUp();
        return Optional.ofNullable(lastSample);
    }

    public BoardProfile profile() {
        return profile;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Horizon horizon() {
        return horizon;
    }

    @Override
    public BoardModel model() {
        return model;
    }

    @Override
    public TemperatureSensor temperature() {
        return temperature;
    }

    @Override
    public ThrottleSensor throttle() {
        return throttle;
    }

    @Override
    public Fan fan() {
        return fan;
    }

    private synchronized double readSensor() {
        catchUp();
        return sensorC;
    }

    private synchronized int readFlags() {
        catchUp();
        return plant.reportedFlags();
    }

    private synchronized int readTach() {
        catchUp();
        return plant.tachRpm();
    }

    private synchronized void applyDuty(double ratio) {
        catchUp();
        duty = ratio;
    }

    /** The die temperature sensor: quantised to 0.5 °C, with the scenario's noise. */
    private final class SimulatedTemperature implements TemperatureSensor {
        @Override
        public String id() {
            return "sim-soc";
        }

        @Override
        public double readCelsius() {
            return readSensor();
        }
    }

    /** The firmware's get_throttled word; the simulator knows every bit. */
    private final class SimulatedThrottle implements ThrottleSensor {
        @Override
        public String id() {
            return "sim-throttled";
        }

        @Override
        public ThrottleFlags read() {
            return ThrottleFlags.of(readFlags());
        }
    }

    /** The fan; its tachometer (when the profile has one) reports the nearest whole rpm. */
    private final class SimulatedFan implements Fan {
        @Override
        public String id() {
            return "sim-fan";
        }

        @Override
        public void apply(Duty newDuty) {
            if (newDuty == null) {
                throw new IllegalArgumentException("duty must not be null");
            }
            applyDuty(newDuty.ratio());
        }

        @Override
        public boolean hasTachometer() {
            return profile.tach();
        }

        @Override
        public OptionalInt readRpm() {
            int rpm = readTach(); // catches up even without a tachometer, like every read
            return profile.tach() ? OptionalInt.of(rpm) : OptionalInt.empty();
        }
    }
}
