package dev.pifan.control;

import dev.pifan.hal.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clock for the control rules that never steps: each reading advances by what the source
 * advanced, but never backwards and never by more than {@code maxStep}.
 *
 * <p>{@link System#nanoTime()} does not jump on an NTP step, but a clock source can still misbehave
 * (a VM migrated, a broken clocksource, a simulator told to jump). The rules measure durations
 * (kick, stall, stuck sensor): a step backwards would postpone them, a step forwards fire them
 * early. With this guard, a jump costs at most one {@code maxStep} of rule time.
 */
public final class SteadyClock implements MonotonicClock {

    private static final Logger LOG = LoggerFactory.getLogger(SteadyClock.class);

    private final MonotonicClock source;
    private final long maxStepNanos;
    private long lastSource;
    private long now;

    /** How many control intervals one tick may seem to last before the clock is called jumped. */
    public static final int MAX_STEP_INTERVALS = 3;

    /** The control loop's clock for ticks every {@code interval}: at most {@link #MAX_STEP_INTERVALS} of them a step. */
    public static SteadyClock forInterval(MonotonicClock source, Duration interval) {
        return new SteadyClock(source, interval.multipliedBy(MAX_STEP_INTERVALS));
    }

    public SteadyClock(MonotonicClock source, Duration maxStep) {
        if (maxStep.isZero() || maxStep.isNegative()) {
            throw new IllegalArgumentException("max step " + maxStep + " must be positive");
        }
        this.source = source;
        this.maxStepNanos = maxStep.toNanos();
        this.lastSource = source.nanos();
        this.now = lastSource;
    }

    @Override
    public synchronized long nanos() {
        long reading = source.nanos();
        long step = reading - lastSource;
        lastSource = reading;
        if (step < 0 || step > maxStepNanos) {
            LOG.warn("the clock jumped by {} ms; counting {} ms", TimeUnit.NANOSECONDS.toMillis(step),
                    step < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(maxStepNanos));
            step = step < 0 ? 0 : maxStepNanos;
        }
        now += step;
        return now;
    }
}
