package dev.pifan.hal;

import java.util.Locale;
import java.util.Objects;

/**
 * Who drives a fan: pifan alone, the kernel (pifan only watches, {@code fan.takeover: none}), or
 * pifan with what it took from the kernel's thermal zones.
 *
 * @param kind which of the three
 * @param taken for {@link Kind#TAKEN_FROM_KERNEL}, what was taken ({@code thermal_zone0 (cpu-thermal)
 *     mode disabled}); empty otherwise
 */
public record FanOwner(Kind kind, String taken) {

    public enum Kind {
        PIFAN, KERNEL, TAKEN_FROM_KERNEL;

        /** The metric label: {@code pifan}, {@code kernel}, {@code taken_from_kernel}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final FanOwner PIFAN = new FanOwner(Kind.PIFAN, "");
    public static final FanOwner KERNEL = new FanOwner(Kind.KERNEL, "");

    public FanOwner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(taken, "taken");
    }

    public static FanOwner takenFromKernel(String taken) {
        return new FanOwner(Kind.TAKEN_FROM_KERNEL, taken);
    }

    /** In words, as {@code /status} and the logs say it. */
    public String describe() {
        return kind == Kind.TAKEN_FROM_KERNEL ? "pifan (taken from the kernel: " + taken + ")" : kind.label();
    }
}
