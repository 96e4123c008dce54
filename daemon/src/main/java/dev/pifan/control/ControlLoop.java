package dev.pifan.control;

import dev.pifan.hal.Board;
import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.ThrottleFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick: read the board, let the controller decide, drive the fan, tell the listeners.
 *
 * <p>Scheduling is someone else's job (a timer in the daemon, a for-loop in the simulator): the
 * loop itself only needs a clock, which is what lets an hour of simulated time run in milliseconds.
 * Not thread-safe: one thread ticks.
 */
public final class ControlLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    /** How far below the kernel's critical trip pifan gives a disabled zone back (see below). */
    public static final double CRITICAL_MARGIN_C = 5.0;

    private final Board board;
    private volatile Controller controller;
    private final MonotonicClock clock;
    private final List<TickListener> listeners = new CopyOnWriteArrayList<>();
    private long ticks;
    private boolean lastWriteFailed;

    public ControlLoop(Board board, Controller controller, MonotonicClock clock) {
        this.board = board;
        this.controller = controller;
        this.clock = clock;
    }

    public void addListener(TickListener listener) {
        listeners.add(listener);
    }

    public Controller controller() {
        return controller;
    }

    /**
     * Swaps the controller, from the next tick on (a reloaded configuration). The new controller
     * starts from what it reads: its curve, hysteresis and fan limits are its own.
     */
    public void replaceController(Controller replacement) {
        this.controller = replacement;
    }

    public Snapshot tick() {
        long start = clock.nanos();
        List<Snapshot.SourceError> errors = new ArrayList<>(0);

        OptionalDouble celsius = OptionalDouble.empty();
        Optional<HalException> temperatureError = Optional.empty();
        try {
            celsius = OptionalDouble.of(board.temperature().readCelsius());
        } catch (HalException e) {
            temperatureError = Optional.of(e);
            errors.add(new Snapshot.SourceError(Snapshot.Source.TEMPERATURE, board.temperature().id(), e.getMessage()));
        }

        ThrottleFlags flags = ThrottleFlags.UNKNOWN;
        Optional<HalException> throttleError = Optional.empty();
        try {
            flags = board.throttle().read();
        } catch (HalException e) {
            throttleError = Optional.of(e);
            errors.add(new Snapshot.SourceError(Snapshot.Source.THROTTLE, board.throttle().id(), e.getMessage()));
        }

        Fan fan = board.fan();
        OptionalInt rpm = OptionalInt.empty();
        Optional<HalException> rpmError = Optional.empty();
        if (fan.hasTachometer()) {
            try {
                rpm = fan.readRpm();
            } catch (HalException e) {
                rpmError = Optional.of(e);
                errors.add(new Snapshot.SourceError(Snapshot.Source.FAN_SPEED, fan.id(), e.getMessage()));
            }
        }

        if (celsius.isPresent()) {
            yieldNearTheKernelsCriticalTrip(fan, celsius.getAsDouble());
        }

        Reading reading = new Reading(start, celsius, temperatureError, flags, throttleError, rpm, rpmError,
                lastWriteFailed);
        Decision decision = controller.decide(reading);

        boolean applied = apply(fan, decision.duty(), errors);
        lastWriteFailed = !applied;

        ticks++;
        Snapshot snapshot = new Snapshot(ticks, start, celsius, flags, rpm, decision, applied, errors,
                clock.nanos() - start, fan.conflicts(), applied ? fan.driven() : Optional.empty());
        for (TickListener listener : listeners) {
            try {
                listener.onTick(snapshot);
            } catch (RuntimeException e) {
                LOG.error("tick listener {} failed; the fan keeps being controlled", listener, e);
            }
        }
        return snapshot;
    }

    /**
     * With a zone disabled for pifan ({@code fan.takeover: zone}) the kernel no longer acts on its
     * critical trip, which on a Pi is an orderly power-off (110 °C on a Pi 5, 90 °C on a Pi 4):
     * pifan holds that duty for it. {@link #CRITICAL_MARGIN_C} below the trip (a few ticks of the
     * fastest rise, plus the sensor's steps) the zone goes back to the kernel for the rest of the
     * run, with the fan at full speed: from there the kernel drives the fan and powers the board
     * off at its trip, as it would have without pifan. Only a restart takes the fan again.
     */
    private static void yieldNearTheKernelsCriticalTrip(Fan fan, double celsius) {
        OptionalDouble critical = fan.kernelCriticalC();
        if (critical.isEmpty() || celsius < critical.getAsDouble() - CRITICAL_MARGIN_C) {
            return;
        }
        try {
            fan.yieldAtCritical();
            LOG.error("{} C, within {} C of the kernel's critical trip at {} C: fan {} at full speed and its thermal"
                    + " zone given back to the kernel, which powers the board off at that trip; pifan drives this"
                    + " fan again only after a restart", celsius, CRITICAL_MARGIN_C, critical.getAsDouble(), fan.id());
        } catch (HalException e) {
            LOG.error("{} C, within {} C of the kernel's critical trip at {} C: could not give fan {}'s zone back ({});"
                    + " pifan keeps the fan at full speed and tries again next tick", celsius, CRITICAL_MARGIN_C,
                    critical.getAsDouble(), fan.id(), e.getMessage());
        }
    }

    private static boolean apply(Fan fan, Duty duty, List<Snapshot.SourceError> errors) {
        try {
            fan.apply(duty);
            return true;
        } catch (HalException e) {
            errors.add(new Snapshot.SourceError(Snapshot.Source.FAN, fan.id(), e.getMessage()));
            return false;
        }
    }

    /**
     * Leaves the fan in its exit state: handed back to the kernel if asked and possible, else
     * full speed. Never off: whatever runs on this board after pifan exits still makes heat.
     *
     * @return a sentence saying what was done, for the log
     */
    public String leaveFan(ExitState exitState) {
        Fan fan = board.fan();
        if (exitState == ExitState.AUTO) {
            try {
                if (fan.handBack()) {
                    return "fan " + fan.id() + " handed back to the kernel's automatic control";
                }
            } catch (HalException e) {
                LOG.warn("could not hand fan {} back to the kernel ({}); leaving it at full speed", fan.id(),
                        e.getMessage());
            }
        }
        try {
            fan.apply(Duty.FULL);
            return "fan " + fan.id() + " left at full speed";
        } catch (HalException e) {
            return "fan " + fan.id() + " could not be set to full speed on exit: " + e.getMessage();
        }
    }
}
