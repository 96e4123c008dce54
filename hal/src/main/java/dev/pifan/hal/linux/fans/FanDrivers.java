package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Sysfs;
import java.util.List;
import java.util.Optional;

/** The fan drivers pifan has, in the order the docs list them. */
public final class FanDrivers {

    public static final List<FanDriver<?>> ALL = List.of(new AutoDriver(), new HwmonDriver(), new PwmDriver(),
            new Emc230xDriver(), new Emc2101Driver(), new ArgonOneDriver(), new GpioDriver(), new NoneDriver());

    private FanDrivers() {
    }

    /** The driver the config calls {@code name}. */
    public static Optional<FanDriver<?>> named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The drivers of fan controllers on raw I2C, in the order discovery probes a bus for them. */
    static List<I2cFanDriver<?>> i2c() {
        return ALL.stream().filter(I2cFanDriver.class::isInstance).<I2cFanDriver<?>>map(d -> (I2cFanDriver<?>) d)
                .toList();
    }

    /** Opens {@code spec} through its driver. */
    public static Fan open(FanSpec spec, FanOpening opening) throws HalException {
        for (FanDriver<?> driver : ALL) {
            if (driver.specType().isInstance(spec)) {
                return open(driver, spec, opening);
            }
        }
        throw new HalException(Kind.UNSUPPORTED, "fan " + spec + " cannot be opened directly");
    }

    private static <S extends FanSpec> Fan open(FanDriver<S> driver, FanSpec spec, FanOpening opening)
            throws HalException {
        return driver.open(driver.specType().cast(spec), opening);
    }

    /** Whether {@code key} is the takeover record of a fan only pifan drives. */
    public static boolean isRecord(String key) {
        return ALL.stream().anyMatch(d -> d.isRecord(key));
    }

    /**
     * Sets the fan a record names to full speed, for {@code pifan restore}.
     *
     * @return what was done, for the log; empty when {@code key} is no driver's record
     * @throws HalException when the fan could not be set (the record is then kept)
     */
    public static Optional<String> restore(Sysfs sysfs, DeviceProviders providers, String key, String value)
            throws HalException {
        for (FanDriver<?> driver : ALL) {
            Optional<String> done = driver.restore(sysfs, providers, key, value);
            if (done.isPresent()) {
                return done;
            }
        }
        return Optional.empty();
    }
}
