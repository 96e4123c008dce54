package dev.pifan.hal.linux.fans;

import java.util.List;
import java.util.function.Supplier;

/**
 * One {@code hardware.fan} part of the config file, as a {@link FanDriver} reads it. The config
 * reader implements it: it knows where each value stands in the file, reports problems with their
 * path and line, and owns the config's rules for text (whole numbers, quoting, suggestions). A
 * driver only says which keys it reads, as what, and what a value must be.
 *
 * <p>A driver's keys are {@link FanKey}s; their parsers refuse text with an
 * {@link IllegalArgumentException} whose message is shown as it is.
 */
public interface FanConfig {

    /** The driver the part names, for messages ("driver emc230x talks I2C"). */
    String driver();

    /** The keys the part sets besides {@code driver}, in the file's order. */
    List<String> keys();

    /**
     * The value the part gives {@code key}, or the key's default when it leaves it out; null
     * when it is wrong (reported as "expected {@code what}, found ..." or with the parser's message).
     */
    <T> T value(FanKey<T> key);

    /**
     * The list at {@code key}, each element parsed as the key says; empty when left out, null when
     * wrong (reported; {@code expected} says what the list should be, "a list of I2C bus numbers ([1, 10])").
     */
    <T> List<T> list(FanKey<T> key, String expected);

    /** Reports, in one problem, the keys the driver needs and the part leaves out. */
    void required(FanKey<?>... keys);

    /** Reports {@code message} at the value of {@code key}. */
    void problem(FanKey<?> key, String message);

    /** Reports {@code message} at the key {@code key} itself: a key that does not belong. */
    void misplaced(String key, String message);

    /** The spec, unless something about this part was reported; a record's own refusal is reported too. */
    <T> T build(Supplier<T> spec);

    // ---- the config's words for values ----------------------------------------------------

    /** Any non-empty text, stripped. */
    String text(String text);

    /** A whole number from {@code min} to {@code max}. */
    int integer(String text, int min, int max);

    boolean bool(String text);

    /** One of {@code valid}, or a message naming them ("unknown {@code noun} ..., did you mean ..."). */
    String choice(String text, List<String> valid, String noun);

    /** Text as written, for a message: stripped, control characters escaped, cut when long. */
    String shown(String text);

    /** {@link #shown} in double quotes. */
    String quoted(String text);
}
