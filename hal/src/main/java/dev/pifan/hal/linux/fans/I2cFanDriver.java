package dev.pifan.hal.linux.fans;

import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Sysfs;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fan controller on raw I2C, through a library ({@code provider}, default diozero). Nobody but
 * pifan drives it, so it is recorded while pifan runs; its record names the bus (group 1 of the
 * record's pattern) and address (group 2, hex), and its value starts with the provider.
 */
abstract class I2cFanDriver<S extends FanSpec> extends RecordedFanDriver<S> {

    static final FanKey<Provider> PROVIDER = new FanKey<>("provider", "a library",
            (config, text) -> FanValues.library(config, text, "driver " + config.driver() + " talks I2C"),
            Provider.DIOZERO);
    static final FanKey<Integer> BUS = FanKey.integer("bus", "an I2C bus number", 0, FanValues.MAX_BUS, null);

    I2cFanDriver(String name, Class<S> specType, List<FanKey<?>> keys, Pattern record) {
        super(name, specType, keys, record);
    }

    /**
     * Identifies this driver's chip on an open bus, reading id registers only (safe on any SMBus
     * device that acknowledges); nothing when it does not answer.
     */
    abstract List<Finding<FanSpec>> probe(I2cBus i2c, Provider provider, int bus);

    /** The addresses {@link #probe} reads on {@code bus}, for "no fan controller answered (probed ...)". */
    abstract Optional<String> probed(int bus);

    /** Sets the recorded fan full; returns what was done, for the log. */
    abstract String restore(DeviceProviders providers, Matcher key, String value) throws HalException;

    @Override
    final String restore(Sysfs sysfs, DeviceProviders providers, Matcher key, String value) throws HalException {
        return restore(providers, key, value); // on its bus: no sysfs file
    }

    /** The {@code address} key, defaulting to where the driver's chip usually sits. */
    static FanKey<Integer> address(int fallback) {
        return new FanKey<>("address", "an I2C address", FanValues::address, fallback);
    }

    // ---- discovery and restore -----------------------------------------------------------------

    /** The product and vendor id registers of SMSC/Microchip fan controllers; empty when nothing answers. */
    static Optional<int[]> ids(I2cBus i2c, int address) {
        try {
            int product = i2c.readByteData(address, 0xFD);
            int vendor = i2c.readByteData(address, 0xFE);
            return Optional.of(new int[] {product, vendor});
        } catch (HalException e) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    interface OnBus {
        void run(I2cBus i2c) throws HalException;
    }

    /**
     * Runs {@code action} on the bus of a record, through the recorded library; returns
     * {@code i2c-N 0xAA} for the log.
     */
    static String onBus(DeviceProviders providers, Provider provider, Matcher key, OnBus action)
            throws HalException {
        int bus = Integer.parseInt(key.group(1));
        try (DeviceProvider library = providers.open(provider); I2cBus i2c = library.openI2cBus(bus)) {
            action.run(i2c);
        }
        return "i2c-" + bus + " " + I2cBus.hex(recordedAddress(key));
    }

    static int recordedAddress(Matcher key) {
        return Integer.parseInt(key.group(2), 16);
    }
}
