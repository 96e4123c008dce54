package dev.pifan.cli;

import dev.pifan.control.TimeOfDay;
import dev.pifan.config.CeilingConfig;
import dev.pifan.config.CurveConfig;
import dev.pifan.config.CurvePoint;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.Baselines;
import dev.pifan.control.Ceiling;
import dev.pifan.control.ControlTuning;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.Controller;
import dev.pifan.control.FanCurve;
import dev.pifan.control.FanLimits;
import dev.pifan.control.PifanController;
import dev.pifan.control.SafetyLimits;
import dev.pifan.tray.Tray;
import dev.pifan.tray.TrayController;
import java.util.List;
import java.util.Optional;

/** Turns a loaded configuration into control objects: the one place config meets control. */
final class ControlFactory {

    private ControlFactory() {
    }

    static FanCurve curve(CurveConfig curve) {
        List<FanCurve.Point> points = curve.points().stream()
                .map((CurvePoint p) -> new FanCurve.Point(p.celsius(), p.duty()))
                .toList();
        return new FanCurve(points);
    }

    static FanLimits fanLimits(PifanConfig config) {
        return new FanLimits(config.fan().minDuty(), config.fan().startDuty(), config.fan().kick(),
                config.curve().offHysteresisC() > 0 ? config.curve().stopBelowC() : Double.NEGATIVE_INFINITY);
    }

    static ControlTuning tuning(PifanConfig config) {
        return tuning(config, TimeOfDay.system());
    }

    /** @param timeOfDay where the quiet hours read the time (the wall clock, or a simulation's) */
    static ControlTuning tuning(PifanConfig config, TimeOfDay timeOfDay) {
        CeilingConfig c = config.ceiling();
        Optional<Ceiling> ceiling = c.atC().isPresent()
                ? Optional.of(new Ceiling(c.atC().getAsDouble(), c.risePerSecond(), c.fallPerSecond(), c.settle(),
                        c.releaseC()))
                : Optional.empty();
        return new ControlTuning(config.curve().downDelay(), ceiling, config.quiet(), timeOfDay, c.model());
    }

    static SafetyLimits safetyLimits(PifanConfig config) {
        return new SafetyLimits(config.safety().criticalC(), config.safety().sensorFailures(),
                config.safety().stuckAfter(), config.safety().stallAfter());
    }

    static PifanController pifanController(PifanConfig config) {
        return pifanController(config, TimeOfDay.system());
    }

    static PifanController pifanController(PifanConfig config, TimeOfDay timeOfDay) {
        return new PifanController(curve(config.curve()), config.curve().hysteresisC(), fanLimits(config),
                safetyLimits(config), tuning(config, timeOfDay));
    }

    /**
     * The daemon's controller: the configured one, with the tray's rule on top when this node runs
     * a tray's fan ({@code tray}: the one a run keeps across reloads).
     */
    static Controller daemonController(PifanConfig config, Optional<Tray> tray) {
        PifanController own = pifanController(config);
        return tray.<Controller>map(t -> new TrayController(own, t, fanLimits(config))).orElse(own);
    }

    /** {@code pifan} (the configured curve) or a baseline by name; a usage error for anything else. */
    static Controller controller(String name, PifanConfig config) {
        return controller(name, config, TimeOfDay.system());
    }

    /** As {@link #controller(String, PifanConfig)}, pifan's quiet hours reading {@code timeOfDay}. */
    static Controller controller(String name, PifanConfig config, TimeOfDay timeOfDay) {
        if (name.equals("pifan")) {
            return pifanController(config, timeOfDay);
        }
        try {
            return Baselines.named(name);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
    }
}
