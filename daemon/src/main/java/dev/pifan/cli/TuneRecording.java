package dev.pifan.cli;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a step test recorded, one row a second: the duty applied during second k and the inputs of
 * that second (load, room), with what the board read at its start (sensor, tachometer). Immutable;
 * {@link Builder} collects it.
 */
final class TuneRecording {

    /** A tachometer reading that was not there (no tachometer). */
    static final int NO_RPM = -1;

    private final double[] duty;
    private final double[] sensorC;
    private final int[] rpm;
    private final double[] load;
    private final double[] roomC;

    private TuneRecording(Builder b) {
        duty = Arrays.copyOf(b.duty, b.size);
        sensorC = Arrays.copyOf(b.sensorC, b.size);
        rpm = Arrays.copyOf(b.rpm, b.size);
        load = Arrays.copyOf(b.load, b.size);
        roomC = Arrays.copyOf(b.roomC, b.size);
    }

    int seconds() {
        return duty.length;
    }

    double duty(int k) {
        return duty[k];
    }

    double sensorC(int k) {
        return sensorC[k];
    }

    OptionalInt rpm(int k) {
        return rpm[k] == NO_RPM ? OptionalInt.empty() : OptionalInt.of(rpm[k]);
    }

    double load(int k) {
        return load[k];
    }

    double roomC(int k) {
        return roomC[k];
    }

    /** Whether the load ever changed: without a step, the die's capacity cannot be told (see ThermalFit). */
    boolean hasLoadStep() {
        for (int k = 1; k < load.length; k++) {
            if (load[k] != load[k - 1]) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code n} seconds. */
    TuneRecording head(int n) {
        Builder b = new Builder();
        for (int k = 0; k < n; k++) {
            b.add(sensorC[k], rpm[k], duty[k], load[k], roomC[k]);
        }
        return b.build();
    }

    /** Collects rows in order. */
    static final class Builder {
        private double[] duty = new double[4096];
        private double[] sensorC = new double[4096];
        private int[] rpm = new int[4096];
        private double[] load = new double[4096];
        private double[] roomC = new double[4096];
        private int size;

        void add(double sensor, int rpmRead, double dutyApplied, double loadNow, double room) {
            if (size == duty.length) {
                int grown = size * 2;
                duty = Arrays.copyOf(duty, grown);
                sensorC = Arrays.copyOf(sensorC, grown);
                rpm = Arrays.copyOf(rpm, grown);
                load = Arrays.copyOf(load, grown);
                roomC = Arrays.copyOf(roomC, grown);
            }
            sensorC[size] = sensor;
            rpm[size] = rpmRead;
            duty[size] = dutyApplied;
            load[size] = loadNow;
            roomC[size] = room;
            size++;
        }

        int size() {
            return size;
        }

        double sensorC(int k) {
            return sensorC[k];
        }

        int rpm(int k) {
            return rpm[k];
        }

        TuneRecording build() {
            return new TuneRecording(this);
        }
    }
}
