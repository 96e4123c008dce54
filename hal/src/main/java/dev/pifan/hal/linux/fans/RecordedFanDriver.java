package dev.pifan.hal.linux.fans;

import dev.pifan.hal.HalException;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Sysfs;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A driver whose fan nobody but pifan drives, so that it is recorded while pifan runs: its records'
 * keys match one pattern, and {@code pifan restore} hands a matching record to
 * {@link #restore(Sysfs, DeviceProviders, Matcher, String)} with the pattern's groups.
 */
abstract class RecordedFanDriver<S extends FanSpec> extends FanDriver<S> {

    private final Pattern record;

    RecordedFanDriver(String name, Class<S> specType, List<FanKey<?>> keys, Pattern record) {
        super(name, specType, keys);
        this.record = record;
    }

    /** Sets the recorded fan full; returns what was done, for the log. */
    abstract String restore(Sysfs sysfs, DeviceProviders providers, Matcher key, String value) throws HalException;

    @Override
    public final boolean isRecord(String key) {
        return record.matcher(key).matches();
    }

    @Override
    public final Optional<String> restore(Sysfs sysfs, DeviceProviders providers, String key, String value)
            throws HalException {
        Matcher matcher = record.matcher(key);
        return matcher.matches() ? Optional.of(restore(sysfs, providers, matcher, value)) : Optional.empty();
    }

    /** The recorded provider; diozero (the default) for a value that is not one. */
    static Provider recordedProvider(String value) {
        try {
            return Provider.parse(value);
        } catch (IllegalArgumentException e) {
            return Provider.DIOZERO;
        }
    }
}
