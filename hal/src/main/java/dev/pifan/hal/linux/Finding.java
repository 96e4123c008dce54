package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.util.Optional;

/**
 * One thing discovery looked at: a thermal zone, a throttle source, a fan output. It says what it
 * is, whether pifan could use it, and why not or how to fix it.
 *
 * @param source what was looked at, e.g. {@code thermal_zone0 (cpu-thermal)}
 * @param detail what was seen or why it cannot be used, with the fix
 * @param spec the config that would select it, when it could be selected at all
 * @param <S> the spec type: {@link TemperatureSpec}, {@link ThrottleSpec} or {@link FanSpec}
 */
public record Finding<S>(String source, Status status, String detail, Optional<S> spec) {

    public enum Status {
        /** Present and readable/writable as pifan needs. */
        USABLE,
        /** Present, but only opening it would tell (vcgencmd not run, an I2C chip not probed). */
        UNVERIFIED,
        /** Present, but this process may not use it. */
        PERMISSION_DENIED,
        /** Expected (by the config or the board) but absent. */
        MISSING,
        /** Present, but not something pifan should drive (the PoE HAT's firmware PWM, a chip claimed by a kernel driver). */
        UNSUITABLE;

        /** What a failure to read or open something says about it. */
        public static Status of(HalException e) {
            return switch (e.kind()) {
                case PERMISSION_DENIED -> PERMISSION_DENIED;
                case NOT_FOUND -> MISSING;
                default -> UNSUITABLE;
            };
        }
    }

    public boolean isCandidate() {
        return spec.isPresent() && (status == Status.USABLE || status == Status.UNVERIFIED);
    }

    public static <S> Finding<S> of(String source, Status status, String detail, S spec) {
        return new Finding<>(source, status, detail, Optional.ofNullable(spec));
    }

    public static <S> Finding<S> without(String source, Status status, String detail) {
        return new Finding<>(source, status, detail, Optional.empty());
    }
}
