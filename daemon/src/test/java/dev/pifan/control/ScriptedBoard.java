package dev.pifan.control;

import dev.pifan.hal.Board;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.TemperatureSensor;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

/** A board whose readings and failures a test queues up, and which records every duty written. */
final class ScriptedBoard implements Board {

    /** One queued outcome: a value, or an error to throw. */
    private record Outcome<T>(T value, HalException error) {
        T get() throws HalException {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    final Deque<Outcome<Double>> temperatures = new ArrayDeque<>();
    final Deque<Outcome<ThrottleFlags>> flags = new ArrayDeque<>();
    final Deque<HalException> writeErrors = new ArrayDeque<>();
    final List<Duty> written = new ArrayList<>();
    boolean tachometer;
    int rpm;
    boolean handsBack;
    boolean handedBack;
    /** A zone pifan disabled, with this critical trip; cleared by the fan's yield. */
    java.util.OptionalDouble kernelCritical = java.util.OptionalDouble.empty();
    int yields;

    ScriptedBoard temperature(double celsius) {
        temperatures.add(new Outcome<>(celsius, null));
        return this;
    }

    ScriptedBoard temperatureFails(HalException error) {
        temperatures.add(new Outcome<>(null, error));
        return this;
    }

    ScriptedBoard flags(ThrottleFlags value) {
        flags.add(new Outcome<>(value, null));
        return this;
    }

    ScriptedBoard flagsFail(HalException error) {
        flags.add(new Outcome<>(null, error));
        return this;
    }

    @Override
    public BoardModel model() {
        return new BoardModel(BoardModel.Family.UNKNOWN, "scripted test board");
    }

    @Override
    public TemperatureSensor temperature() {
        return new TemperatureSensor() {
            @Override
            public String id() {
                return "scripted-temp";
            }

            @Override
            public double readCelsius() throws HalException {
                return temperatures.isEmpty() ? 50.0 : temperatures.poll().get();
            }
        };
    }

    @Override
    public ThrottleSensor throttle() {
        return new ThrottleSensor() {
            @Override
            public String id() {
                return "scripted-flags";
            }

            @Override
            public ThrottleFlags read() throws HalException {
                return flags.isEmpty() ? ThrottleFlags.NONE : flags.poll().get();
            }
        };
    }

    @Override
    public Fan fan() {
        return new Fan() {
            @Override
            public String id() {
                return "scripted-fan";
            }

            @Override
            public void apply(Duty duty) throws HalException {
                if (!writeErrors.isEmpty()) {
                    throw writeErrors.poll();
                }
                written.add(duty);
            }

            @Override
            public boolean hasTachometer() {
                return tachometer;
            }

            @Override
            public OptionalInt readRpm() {
                return tachometer ? OptionalInt.of(rpm) : OptionalInt.empty();
            }

            @Override
            public boolean handBack() {
                handedBack = handsBack;
                return handsBack;
            }

            @Override
            public java.util.OptionalDouble kernelCriticalC() {
                return kernelCritical;
            }

            @Override
            public void yieldAtCritical() {
                yields++;
                kernelCritical = java.util.OptionalDouble.empty();
            }
        };
    }
}
