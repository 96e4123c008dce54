package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The well-known controllers of the reference model (thermal-model.md), for comparison in
 * {@code pifan simulate} and {@code pifan bench}. Not for use on a board: they have no safety rules.
 */
public final class Baselines {

    private static final List<String> NAMES =
            List.of("seed-step", "pi5-firmware", "argon", "gpio-fan", "fancontrol-linear");

    private Baselines() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /**
     * A fresh controller for this baseline name.
     *
     * @throws IllegalArgumentException naming the valid names when there is no such baseline
     */
    public static Controller named(String name) {
        Supplier<Controller> factory = switch (name.toLowerCase(Locale.ROOT)) {
            case "seed-step" -> () -> new LevelController("seed-step", Duty.OFF, List.of(
                    level(40, 0.30), level(50, 0.50), level(60, 0.75), level(70, 1.0)), 0);
            case "pi5-firmware" -> () -> new LevelController("pi5-firmware", Duty.OFF, List.of(
                    pwmLevel(50, 75), pwmLevel(60, 125), pwmLevel(67.5, 175), pwmLevel(75, 250)), 5);
            case "argon" -> () -> new LevelController("argon", Duty.OFF, List.of(
                    level(55, 0.10), level(60, 0.55), level(65, 1.0)), 3);
            case "gpio-fan" -> () -> new LevelController("gpio-fan", Duty.OFF, List.of(level(55, 1.0)), 10);
            case "fancontrol-linear" -> LinearKickController::new;
            default -> throw new IllegalArgumentException(
                    "unknown controller '" + name + "': expected pifan or one of " + String.join(", ", NAMES));
        };
        return factory.get();
    }

    private static LevelController.Level level(double enterC, double ratio) {
        return new LevelController.Level(enterC, Duty.ofRatio(ratio));
    }

    private static LevelController.Level pwmLevel(double enterC, int pwm) {
        return new LevelController.Level(enterC, Duty.ofPwm(pwm));
    }
}
