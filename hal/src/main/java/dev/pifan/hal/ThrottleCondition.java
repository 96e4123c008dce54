package dev.pifan.hal;

/**
 * The four conditions of the firmware's {@code get_throttled} word. Each has a "now" bit in the
 * low half-word and an "occurred since boot" bit sixteen places higher.
 */
public enum ThrottleCondition {
    UNDER_VOLTAGE(0x1, "under_voltage"),
    ARM_FREQUENCY_CAPPED(0x2, "arm_frequency_capped"),
    THROTTLED(0x4, "throttled"),
    SOFT_TEMPERATURE_LIMIT(0x8, "soft_temperature_limit");

    private final int nowBit;
    private final String label;

    ThrottleCondition(int nowBit, String label) {
        this.nowBit = nowBit;
        this.label = label;
    }

    public int nowBit() {
        return nowBit;
    }

    public int occurredBit() {
        return nowBit << 16;
    }

    /** The snake_case name used in metrics labels and JSON. */
    public String label() {
        return label;
    }
}
