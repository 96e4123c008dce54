package dev.pifan.hal.linux.fans;

import java.util.function.BiFunction;

/**
 * A key of a fan driver: its name, what its value is ("an I2C bus number", for "expected ...,
 * found ..."), how the text as written becomes one (checking its range), and the value when the
 * part leaves it out (null: none, for a key that is required or optional without a default).
 *
 * @param parser from the part (for the config's rules for text) and the text to a value, or an
 *     {@link IllegalArgumentException} with the message to show
 */
public record FanKey<T>(String name, String what, BiFunction<FanConfig, String, T> parser, T fallback) {

    static FanKey<String> text(String name, String what) {
        return new FanKey<>(name, what, FanConfig::text, null);
    }

    static FanKey<Integer> integer(String name, String what, int min, int max, Integer fallback) {
        return new FanKey<>(name, what, (config, text) -> config.integer(text, min, max), fallback);
    }

    static FanKey<Boolean> bool(String name, boolean fallback) {
        return new FanKey<>(name, "true or false", FanConfig::bool, fallback);
    }

    /** The same key with another default, for a driver whose default differs. */
    FanKey<T> withDefault(T value) {
        return new FanKey<>(name, what, parser, value);
    }
}
