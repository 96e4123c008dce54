package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Sysfs;
import java.util.List;
import java.util.Optional;

/**
 * Everything pifan knows about one {@code hardware.fan} driver: its name and keys in the config,
 * how a config part becomes its {@link FanSpec}, and how that spec is opened as a {@link Fan}. A
 * driver whose fan nobody but pifan drives also says how {@code pifan restore} sets it full again
 * after a kill ({@link RecordedFanDriver}). How a driver's fan is found on a host is its own too (the I2C drivers'
 * {@link I2cFanDriver#probe}); the order {@code driver: auto} tries them in is {@link AutoDriver}'s.
 *
 * <p>A new driver is one class extending this, listed in {@link FanDrivers#ALL}.
 *
 * @param <S> the spec this driver parses and opens
 */
public abstract class FanDriver<S extends FanSpec> {

    private final String name;
    private final Class<S> specType;
    private final List<String> keys;

    /**
     * @param name the name after {@code driver:} in the config
     * @param specType the specs this driver opens (for finding the driver of a spec)
     * @param keys the keys a part with this driver may set besides {@code driver}, in the order
     *     the docs list them (a name twice, for keys that differ by provider, counts once)
     */
    FanDriver(String name, Class<S> specType, List<FanKey<?>> keys) {
        this.name = name;
        this.specType = specType;
        this.keys = keys.stream().map(FanKey::name).distinct().toList();
    }

    public final String name() {
        return name;
    }

    public final Class<S> specType() {
        return specType;
    }

    /** The names of the keys a part with this driver may set besides {@code driver}. */
    public final List<String> keys() {
        return keys;
    }

    /** The spec the part describes; null when something in it is wrong (reported to {@code config}). */
    public abstract S parse(FanConfig config);

    /**
     * Opens the fan; what it holds is handed to {@code opening}, which releases it when the board
     * closes (or when opening something else fails).
     */
    public abstract Fan open(S spec, FanOpening opening) throws HalException;

    /**
     * Sets the fan a takeover record names (one this driver's {@link FanOpening#recordDriven}
     * wrote) to full speed.
     *
     * @return what was done, for the log; empty when {@code key} is not this driver's record
     * @throws HalException when the fan could not be set (the record is then kept)
     */
    public Optional<String> restore(Sysfs sysfs, DeviceProviders providers, String key, String value)
            throws HalException {
        return Optional.empty();
    }

    /** Whether {@code key} is a takeover record of this driver's. */
    public boolean isRecord(String key) {
        return false;
    }
}
