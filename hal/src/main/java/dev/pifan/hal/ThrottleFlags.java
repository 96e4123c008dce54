package dev.pifan.hal;

import java.util.Optional;

/**
 * The firmware's throttle word ({@code vcgencmd get_throttled}) and which of its bits the source
 * could actually tell.
 *
 * <p>Not every source knows every bit: on Talos only the {@code rpi_volt} hwmon alarm exists, which
 * tells under-voltage now and nothing else. A bit outside {@link #knownMask()} is <em>unknown</em>,
 * never "fine": {@link #active} answers {@code Optional.empty()} for it.
 */
public record ThrottleFlags(int word, int knownMask) {

    /** Every bit {@code get_throttled} defines: four "now" bits and four "occurred" bits. */
    public static final int ALL_BITS = 0x000F000F;

    /** Nothing is known: no throttle source at all. */
    public static final ThrottleFlags UNKNOWN = new ThrottleFlags(0, 0);

    /** A full-knowledge reading of a clear word. */
    public static final ThrottleFlags NONE = new ThrottleFlags(0, ALL_BITS);

    public ThrottleFlags {
        if ((knownMask & ~ALL_BITS) != 0) {
            throw new IllegalArgumentException(
                    "known mask 0x" + Integer.toHexString(knownMask) + " has bits get_throttled does not define");
        }
        word &= knownMask; // a bit nobody could see is not set
    }

    /** A word read from a source that knows every bit (vcgencmd, the get_throttled file). */
    public static ThrottleFlags of(int word) {
        return new ThrottleFlags(word & ALL_BITS, ALL_BITS);
    }

    /**
     * Parses the firmware's text: {@code throttled=0x50005} (vcgencmd), {@code 50005} (the sysfs
     * file, hex without prefix) or {@code 0x50005}. Surrounding white space is ignored.
     *
     * @throws IllegalArgumentException naming the text when it is not one of those forms
     */
    public static ThrottleFlags parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("throttle flags: no text");
        }
        String value = text.strip();
        if (value.startsWith("throttled=")) {
            value = value.substring("throttled=".length());
        }
        if (value.startsWith("0x") || value.startsWith("0X")) {
            value = value.substring(2);
        }
        if (value.isEmpty() || value.length() > 8 || !value.chars().allMatch(ThrottleFlags::isHexDigit)) {
            throw new IllegalArgumentException("throttle flags: '" + text.strip()
                    + "' is not a hex word like throttled=0x50005, 0x50005 or 50005");
        }
        return of((int) Long.parseLong(value, 16));
    }

    private static boolean isHexDigit(int c) {
        return Character.digit(c, 16) >= 0;
    }

    public boolean knows(ThrottleCondition condition) {
        return (knownMask & condition.nowBit()) != 0;
    }

    public boolean knowsOccurred(ThrottleCondition condition) {
        return (knownMask & condition.occurredBit()) != 0;
    }

    /** Whether the condition holds now; empty when the source cannot tell. */
    public Optional<Boolean> active(ThrottleCondition condition) {
        return knows(condition) ? Optional.of((word & condition.nowBit()) != 0) : Optional.empty();
    }

    /** Whether the condition occurred since boot; empty when the source cannot tell. */
    public Optional<Boolean> occurred(ThrottleCondition condition) {
        return knowsOccurred(condition)
                ? Optional.of((word & condition.occurredBit()) != 0)
                : Optional.empty();
    }

    /** True only when the condition is known and holds now. */
    public boolean isActive(ThrottleCondition condition) {
        return (word & condition.nowBit()) != 0;
    }

    public boolean isFullyUnknown() {
        return knownMask == 0;
    }

    /** The word as vcgencmd prints it, {@code 0x50005}. */
    public String toHex() {
        return "0x" + Integer.toHexString(word);
    }

    @Override
    public String toString() {
        if (isFullyUnknown()) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder(toHex());
        String separator = " (";
        for (ThrottleCondition condition : ThrottleCondition.values()) {
            if (isActive(condition)) {
                text.append(separator).append(condition.label());
                separator = ", ";
            }
        }
        if (!separator.equals(" (")) {
            text.append(')');
        }
        if (knownMask != ALL_BITS) {
            text.append(" [partly unknown]");
        }
        return text.toString();
    }
}
