package dev.pifan.control;

import dev.pifan.hal.Duty;

/**
 * The {@code fancontrol-linear} baseline: lm-sensors' fancontrol with a linear ramp between two
 * temperatures, and a one-tick kick when the fan starts from 0.
 */
final class LinearKickController implements Controller {

    private static final double LOW_C = 45;
    private static final double HIGH_C = 70;
    private static final Duty RAMP_START = Duty.ofRatio(0.2);
    private static final Duty KICK = Duty.ofRatio(0.35);

    private Duty last = Duty.OFF;

    @Override
    public String name() {
        return "fancontrol-linear";
    }

    @Override
    public Decision decide(Reading reading) {
        Duty duty = last;
        if (reading.celsius().isPresent()) {
            duty = ramp(reading.celsius().getAsDouble());
            if (last.isOff() && !duty.isOff()) {
                duty = duty.max(KICK);
            }
        }
        last = duty;
        return Decision.curve(duty);
    }

    private static Duty ramp(double celsius) {
        if (celsius <= LOW_C) {
            return Duty.OFF;
        }
        if (celsius >= HIGH_C) {
            return Duty.FULL;
        }
        return Duty.clamped(RAMP_START.ratio() + 0.8 * (celsius - LOW_C) / (HIGH_C - LOW_C));
    }
}
