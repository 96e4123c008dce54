package dev.pifan.hal.sim;

import dev.pifan.hal.Board;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.TemperatureSensor;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.time.Duration;
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
    /** The read time-out a bounded board assumes when none is given: the daemon's default. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);

    private final BoardProfile profile;
    private final Scenario scenario;
    private final MonotonicClock clock;
    private final long originNanos;
    private final Horizon horizon;
    private final SampleListener listener;
    private final SlowReads slowReads;
    /** Seeded, so that an intermittent fault fails the same reads in every run. */
    private final Random faultDice = new Random(0x5EED_FA17L);
    private int garbageReads;
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
            BoardProfile profile, Scenario scenario, MonotonicClock clock, Horizon horizon, SampleListener listener,
            SlowReads slowReads) {
        if (profile == null || scenario == null || clock == null || horizon == null || listener == null
                || slowReads == null) {
            throw new IllegalArgumentException("a simulated board needs a profile, a scenario, a clock, a horizon"
                    + " and a listener (SampleListener.ignoring() when nobody records)");
        }
        this.profile = profile;
        this.scenario = scenario;
        this.clock = clock;
        this.horizon = horizon;
        this.listener = listener;
        this.slowReads = slowReads;
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
        return bounded(profile, scenario, clock, listener, SlowReads.timingOutAfter(DEFAULT_READ_TIMEOUT));
    }

    /** A bounded board whose slow reads (fault sensor-slow) are handled by {@code slowReads}. */
    public static SimulatedBoard bounded(BoardProfile profile, Scenario scenario, MonotonicClock clock,
            SampleListener listener, SlowReads slowReads) {
        return new SimulatedBoard(profile, scenario, clock, Horizon.SCENARIO_DURATION, listener, slowReads);
    }

    /** A board that runs for as long as it is used, for {@code pifan run --sim} on the system clock. */
    public static SimulatedBoard openEnded(
            BoardProfile profile, Scenario scenario, MonotonicClock clock, SampleListener listener) {
        return openEnded(profile, scenario, clock, listener, SlowReads.blocking());
    }

    /** An open-ended board whose slow reads (fault sensor-slow) are handled by {@code slowReads}. */
    public static SimulatedBoard openEnded(BoardProfile profile, Scenario scenario, MonotonicClock clock,
            SampleListener listener, SlowReads slowReads) {
        return new SimulatedBoard(profile, scenario, clock, Horizon.OPEN_ENDED, listener, slowReads);
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

    private double readSensor() throws HalException {
        Optional<Fault> slow = activeFault(Fault.Kind.SENSOR_SLOW);
        if (slow.isPresent()) {
            // outside the lock: a hanging sensor must not hang the rest of the board
            slowReads.spend(Duration.ofMillis(Math.round(slow.get().argument() * 1000)), temperature.id());
        }
        synchronized (this) {
            catchUp();
            if (isActive(Fault.Kind.SENSOR_ERROR)) {
                throw injected(HalException.Kind.IO_ERROR, temperature.id(), "read failed: Input/output error", Fault.Kind.SENSOR_ERROR);
            }
            Optional<Fault> intermittent = activeFault(Fault.Kind.SENSOR_INTERMITTENT);
            if (intermittent.isPresent() && faultDice.nextDouble() < intermittent.get().argument()) {
                throw injected(HalException.Kind.IO_ERROR, temperature.id(), "read failed: Input/output error",
                        Fault.Kind.SENSOR_INTERMITTENT);
            }
            if (isActive(Fault.Kind.SENSOR_GARBAGE)) {
                return garbage();
            }
            Optional<Fault> stuck = activeFault(Fault.Kind.SENSOR_STUCK);
            return stuck.isPresent() ? stuck.get().argument() : sensorC;
        }
    }

    /** The three kinds of nonsense a broken temperature file holds, in turn. */
    private double garbage() throws HalException {
        switch (garbageReads++ % 3) {
            case 0:
                return -273.15;
            case 1:
                return 1000.0;
            default:
                throw injected(HalException.Kind.IMPLAUSIBLE, temperature.id(), "'\\x7f#?' is not a temperature",
                        Fault.Kind.SENSOR_GARBAGE);
        }
    }

    private synchronized int readFlags() {
        catchUp();
        return plant.reportedFlags();
    }

    private synchronized int readTach() throws HalException {
        catchUp();
        if (isActive(Fault.Kind.I2C_NACK)) {
            throw injected(HalException.Kind.IO_ERROR, fan.id(), "tachometer read: no ACK from the fan controller",
                    Fault.Kind.I2C_NACK);
        }
        return plant.tachRpm();
    }

    private synchronized void applyDuty(double ratio) throws HalException {
        catchUp();
        if (isActive(Fault.Kind.FAN_ERROR)) {
            throw injected(HalException.Kind.IO_ERROR, fan.id(), "write failed: Input/output error", Fault.Kind.FAN_ERROR);
        }
        if (isActive(Fault.Kind.I2C_NACK)) {
            throw injected(HalException.Kind.IO_ERROR, fan.id(), "write: no ACK from the fan controller", Fault.Kind.I2C_NACK);
        }
        duty = ratio;
    }

    private synchronized Optional<Fault> activeFault(Fault.Kind kind) {
        catchUp();
        return scenario.activeFault(kind, second);
    }

    private boolean isActive(Fault.Kind kind) {
        return scenario.isActive(kind, second);
    }

    private static HalException injected(HalException.Kind kind, String id, String what, Fault.Kind fault) {
        return new HalException(kind, id + ": " + what + " (injected " + fault.label() + ")");
    }

    /** The die temperature sensor: quantised to 0.5 °C, with the scenario's noise. */
    private final class SimulatedTemperature implements TemperatureSensor {
        @Override
        public String id() {
            return "sim-soc";
        }

        @Override
        public double readCelsius() throws HalException {
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
        public void apply(Duty newDuty) throws HalException {
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
        public OptionalInt readRpm() throws HalException {
            int rpm = readTach(); // catches up even without a tachometer, like every read
            return profile.tach() ? OptionalInt.of(rpm) : OptionalInt.empty();
        }
    }
}
