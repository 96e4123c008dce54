package dev.pifan.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How pifan's controller refines its curve (see {@link PifanController}).
 *
 * @param downDelay the duty comes down only after the temperature has stayed in the come-down zone
 *     of the hysteresis this long ({@link Duration#ZERO}: at once)
 * @param ceiling the ceiling guard, if any
 * @param quiet the quiet hours, if any
 * @param timeOfDay where the quiet hours read the time of day
 * @param model the board's thermal model, with which the curve's rises are held to what the board
 *     needs under the ceiling ({@link NeedLimit}); only with a ceiling
 */
public record ControlTuning(Duration downDelay, Optional<Ceiling> ceiling, Optional<QuietHours> quiet,
                            TimeOfDay timeOfDay, Optional<ThermalModel> model) {

    /** Without a thermal model. */
    public ControlTuning(Duration downDelay, Optional<Ceiling> ceiling, Optional<QuietHours> quiet,
                         TimeOfDay timeOfDay) {
        this(downDelay, ceiling, quiet, timeOfDay, Optional.empty());
    }

    /** No down-delay, no ceiling guard: the curve with its hysteresis alone. */
    public static final ControlTuning NONE = new ControlTuning(Duration.ZERO, Optional.empty());

    /** Without quiet hours. */
    public ControlTuning(Duration downDelay, Optional<Ceiling> ceiling) {
        this(downDelay, ceiling, Optional.empty(), TimeOfDay.system());
    }

    public ControlTuning {
        Objects.requireNonNull(downDelay, "downDelay");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(timeOfDay, "timeOfDay");
        Objects.requireNonNull(model, "model");
        if (downDelay.isNegative()) {
            throw new IllegalArgumentException("down-delay " + downDelay + " must not be negative");
        }
    }
}
