package dev.pifan.cli;

import dev.pifan.config.Units;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.time.LocalTime;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Command-line values in the config's own units, read by the config's own rules ({@link Units}):
 * {@code --duration 1h}, {@code --target 65C}. A refusal is the config's message, one line.
 */
final class UnitConverters {

    private UnitConverters() {
    }

    /** {@code 90}, {@code 90s}, {@code 15m}, {@code 1h30m}: whole seconds of simulated time. */
    static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            Duration duration = byUnits(Units::duration, text);
            if (duration.toMillis() % 1000 != 0) {
                throw new TypeConversionException("'" + text.strip() + "' is not a whole number of seconds");
            }
            return duration.toSeconds();
        }
    }

    /** {@code 65}, {@code 65C}, {@code 65.5 °C}: degrees Celsius. */
    static final class Celsius implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return byUnits(Units::temperature, text);
        }
    }

    /** {@code 22:00}: a time of day on a 24-hour clock. */
    static final class TimeOfDayConverter implements ITypeConverter<LocalTime> {
        @Override
        public LocalTime convert(String text) {
            return byUnits(Units::timeOfDay, text);
        }
    }

    /** {@code 40%}, {@code 0.4}: a duty. */
    static final class DutyConverter implements ITypeConverter<Duty> {
        @Override
        public Duty convert(String text) {
            return byUnits(Units::duty, text);
        }
    }

    /** The config's reading of {@code text}; its refusal as picocli's, one line. */
    private static <T> T byUnits(Function<String, T> reading, String text) {
        try {
            return reading.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
