package dev.pifan.hal.linux;

import java.util.Locale;

/**
 * How pifan takes a fan that the kernel's thermal framework drives (a cooling device of an
 * enabled thermal zone: pwm-fan on the Pi 5 Active Cooler and the PoE HATs). Writing hwmon
 * {@code pwm1} alone does not: the zone's step_wise governor sets its own level at every trip
 * crossing (drivers/thermal/gov_step_wise.c). The config spells these {@code fan.takeover}.
 */
public enum Takeover {
    /** {@link #GOVERNOR} where the zone offers {@code user_space}, else {@link #ZONE}. */
    AUTO,
    /**
     * The zone's {@code policy} set to {@code user_space}: the governor no longer drives cooling
     * devices; the thermal core still handles the critical trip (an orderly power-off). The
     * recorded policy is restored at exit.
     */
    GOVERNOR,
    /**
     * The zone's {@code mode} set to {@code disabled}: works where the kernel has step_wise only
     * (Raspberry Pi OS). Polling stops, and with it the kernel's critical-trip shutdown: pifan's
     * {@code safety.critical} (full speed, always below the zone's critical trip) is then all
     * that acts, next to the firmware's own limits. {@code enabled} is restored at exit.
     */
    ZONE,
    /** Observe and report only: pifan writes no fan or zone file. */
    NONE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code auto|governor|zone|none}, case-insensitively. */
    public static Takeover parse(String text) {
        for (Takeover takeover : values()) {
            if (takeover.configName().equalsIgnoreCase(text.strip())) {
                return takeover;
            }
        }
        throw new IllegalArgumentException("takeover '" + text.strip() + "' is not one of auto, governor, zone, none");
    }
}
