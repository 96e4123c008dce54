package dev.pifan.hal.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What happens to a simulated board: a load/ambient trace for a duration, and optional faults
 * (under-voltage windows, a fan that stalls, sensor noise). The board profile is chosen
 * separately, so any scenario runs on any board.
 *
 * <p>Immutable; the {@code withX} methods return modified copies, so the command line can start
 * from a built-in ({@link Scenarios#named}) and add {@code --undervolt A:B}, {@code --fan-stall-at
 * S}, {@code --noise SIGMA --seed N} or {@code --duration S}.
 *
 * @param name shown in reports
 * @param durationS how many seconds a bounded run simulates (and records)
 * @param trace load and ambient, held after its last row
 * @param underVoltage windows during which the supply is under-voltage
 * @param fanStallAtS the fan stalls from this second on, if present
 * @param noise sensor noise, if present
 */
public record Scenario(
        String name,
        long durationS,
        LoadTrace trace,
        List<Window> underVoltage,
        OptionalLong fanStallAtS,
        Optional<Noise> noise,
        List<Fault> faults) {

    /** An interval of seconds, covering k when {@code startS <= k < endS}. */
    public record Window(long startS, long endS) {

        public Window {
            if (startS < 0 || endS <= startS) {
                throw new IllegalArgumentException(
                        "window " + startS + ":" + endS + " must have 0 <= start < end (seconds)");
            }
        }

        public boolean covers(long k) {
            return startS <= k && k < endS;
        }

        /** Parses the command-line form {@code START:END} in whole seconds, e.g. {@code 600:900}. */
        public static Window parse(String text) {
            String value = text == null ? "" : text.strip();
            int colon = value.indexOf(':');
            try {
                if (colon < 0) {
                    throw new NumberFormatException();
                }
                return new Window(Long.parseLong(value.substring(0, colon).strip()),
                        Long.parseLong(value.substring(colon + 1).strip()));
            } catch (NumberFormatException notAWindow) {
                throw new IllegalArgumentException(
                        "window '" + text + "' is not START:END in whole seconds, like 600:900");
            }
        }

        @Override
        public String toString() {
            return startS + ":" + endS;
        }
    }

    /**
     * Gaussian sensor noise: each second's reading adds {@code new java.util.Random(seed)}'s next
     * {@code nextGaussian() * sigmaC}.
     */
    public record Noise(double sigmaC, long seed) {

        public Noise {
            if (!(sigmaC >= 0) || Double.isInfinite(sigmaC)) {
                throw new IllegalArgumentException("noise sigma " + sigmaC + " °C must be >= 0");
            }
        }
    }

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a name");
        }
        if (durationS <= 0) {
            throw new IllegalArgumentException("scenario " + name + ": duration " + durationS + " s must be > 0");
        }
        if (trace == null || underVoltage == null || fanStallAtS == null || noise == null || faults == null) {
            throw new IllegalArgumentException("scenario " + name + ": trace, windows, stall and noise must not be null"
                    + " (use empty lists and Optionals)");
        }
        underVoltage = List.copyOf(underVoltage);
        faults = List.copyOf(faults);
        if (fanStallAtS.isPresent() && fanStallAtS.getAsLong() < 0) {
            throw new IllegalArgumentException(
                    "scenario " + name + ": fan-stall time " + fanStallAtS.getAsLong() + " s must be >= 0");
        }
    }

    /** A scenario without faults. */
    public static Scenario of(String name, long durationS, LoadTrace trace) {
        return new Scenario(name, durationS, trace, List.of(), OptionalLong.empty(), Optional.empty(), List.of());
    }

    /** Step 1 of the spec: the inputs of second {@code k}. */
    public SecondInputs inputsAt(long k) {
        LoadTrace.Row row = trace.rowAt(k);
        return new SecondInputs(row.load(), row.ambientC(), isUnderVoltage(k), isFanStalled(k));
    }

    public boolean isUnderVoltage(long k) {
        for (Window window : underVoltage) {
            if (window.covers(k)) {
                return true;
            }
        }
        return false;
    }

    public boolean isFanStalled(long k) {
        return (fanStallAtS.isPresent() && k >= fanStallAtS.getAsLong()) || isActive(Fault.Kind.FAN_STALL, k);
    }

    /** Adds an injected fault to the ones the scenario already has. */
    public Scenario withFault(Fault fault) {
        List<Fault> all = new ArrayList<>(faults);
        all.add(fault);
        return new Scenario(name, durationS, trace, underVoltage, fanStallAtS, noise, all);
    }

    /** Adds these faults to the ones the scenario already has. */
    public Scenario withFaults(List<Fault> more) {
        List<Fault> all = new ArrayList<>(faults);
        all.addAll(more);
        return new Scenario(name, durationS, trace, underVoltage, fanStallAtS, noise, all);
    }

    /** The fault of this kind active in second {@code k}, if any (the first one listed wins). */
    public Optional<Fault> activeFault(Fault.Kind kind, long k) {
        for (Fault fault : faults) {
            if (fault.kind() == kind && fault.covers(k)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    public boolean isActive(Fault.Kind kind, long k) {
        return activeFault(kind, k).isPresent();
    }

    public Scenario withName(String newName) {
        return new Scenario(newName, durationS, trace, underVoltage, fanStallAtS, noise, faults);
    }

    public Scenario withDuration(long newDurationS) {
        return new Scenario(name, newDurationS, trace, underVoltage, fanStallAtS, noise, faults);
    }

    public Scenario withTrace(LoadTrace newTrace) {
        return new Scenario(name, durationS, newTrace, underVoltage, fanStallAtS, noise, faults);
    }

    /** Adds an under-voltage window to the ones the scenario already has. */
    public Scenario withUnderVoltage(Window window) {
        List<Window> windows = new ArrayList<>(underVoltage);
        windows.add(window);
        return new Scenario(name, durationS, trace, windows, fanStallAtS, noise, faults);
    }

    /** Replaces the fan-stall time. */
    public Scenario withFanStallAt(long stallAtS) {
        return new Scenario(name, durationS, trace, underVoltage, OptionalLong.of(stallAtS), noise, faults);
    }

    public Scenario withNoise(double sigmaC, long seed) {
        return new Scenario(name, durationS, trace, underVoltage, fanStallAtS, Optional.of(new Noise(sigmaC, seed)), faults);
    }
}
