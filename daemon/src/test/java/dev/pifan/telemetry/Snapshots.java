package dev.pifan.telemetry;

import dev.pifan.control.Decision;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Snapshots as a control loop would hand them over, built field by field for tests. */
final class Snapshots {

    static final NodeInfo NODE = new NodeInfo("1.2.3", "Raspberry Pi 5 Model B Rev 1.0", "thermal_zone0",
            "get_throttled", "hwmon:pwmfan", true, "/etc/pifan/pifan.yaml", Duration.ofSeconds(1),
            new NodeInfo.Curve(List.of(new NodeInfo.Point(45, Duty.OFF), new NodeInfo.Point(70, Duty.FULL)), 4, 80));

    private long tick;
    private OptionalDouble celsius = OptionalDouble.of(50.5);
    private ThrottleFlags flags = ThrottleFlags.NONE;
    private OptionalInt rpm = OptionalInt.of(3000);
    private Decision decision = new Decision(Duty.ofPercent(40), Duty.ofPercent(35), Reason.CURVE, "");
    private boolean applied = true;
    private List<Snapshot.SourceError> errors = List.of();
    private long costNanos = 20_000;
    private long fanConflicts;
    private java.util.Optional<Duty> driven = java.util.Optional.empty();

    Snapshots celsius(double c) {
        celsius = OptionalDouble.of(c);
        return this;
    }

    Snapshots noTemperature() {
        celsius = OptionalDouble.empty();
        return this;
    }

    Snapshots flags(ThrottleFlags f) {
        flags = f;
        return this;
    }

    Snapshots rpm(int r) {
        rpm = OptionalInt.of(r);
        return this;
    }

    Snapshots noRpm() {
        rpm = OptionalInt.empty();
        return this;
    }

    Snapshots decision(Decision d) {
        decision = d;
        return this;
    }

    Snapshots applied(boolean a) {
        applied = a;
        return this;
    }

    Snapshots errors(Snapshot.SourceError... e) {
        errors = List.of(e);
        return this;
    }

    Snapshots fanConflicts(long n) {
        fanConflicts = n;
        return this;
    }

    Snapshots driven(Duty d) {
        driven = java.util.Optional.of(d);
        return this;
    }

    Snapshots cost(long nanos) {
        costNanos = nanos;
        return this;
    }

    /** The next snapshot, numbered from 1, one second apart. */
    Snapshot next() {
        tick++;
        return new Snapshot(tick, tick * 1_000_000_000L, celsius, flags, rpm, decision, applied, errors, costNanos,
                fanConflicts, driven);
    }
}
