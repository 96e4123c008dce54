package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.Emc2101Fan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Yaml;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code driver: emc2101}: a Microchip EMC2101 fan controller on raw I2C. */
public final class Emc2101Driver extends I2cFanDriver<Emc2101Driver.Spec> {

    /** {@code fan-emc2101-i2c1-0x4c}; the record's value is the provider that drove it. */
    private static final Pattern RECORD = Pattern.compile("fan-emc2101-i2c(\\d+)-0x([0-9a-f]{2})");

    private static final FanKey<Integer> ADDRESS = address(Emc2101Fan.DEFAULT_ADDRESS);
    private static final FanKey<Boolean> TACHOMETER = FanKey.bool("tachometer", false);

    public Emc2101Driver() {
        super("emc2101", Spec.class, List.of(PROVIDER, BUS, ADDRESS, TACHOMETER), RECORD);
    }

    /** {@code driver: emc2101, bus: 1, address: 0x4c, tachometer: false}. */
    public record Spec(Provider provider, int bus, int address, boolean tachometer) implements FanSpec {
        public Spec {
            FanValues.requireLibrary(provider);
        }

        public static Spec onBus(int bus) {
            return new Spec(Provider.DIOZERO, bus, Emc2101Fan.DEFAULT_ADDRESS, false);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "emc2101");
            FanValues.providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("tachometer", tachometer).toString();
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        config.required(BUS);
        Integer bus = config.value(BUS);
        Integer address = config.value(ADDRESS);
        Boolean tachometer = config.value(TACHOMETER);
        return config.build(() -> new Spec(provider, bus, address, tachometer));
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        I2cBus bus = opening.bus(spec.provider(), spec.bus());
        Emc2101Fan fan = Emc2101Fan.open(bus, spec.address(), spec.tachometer(), opening.host().newStallDetector());
        opening.recordDriven(record(spec.bus(), spec.address()), spec.provider().configName());
        return fan;
    }

    private static String record(int bus, int address) {
        return String.format(Locale.ROOT, "fan-emc2101-i2c%d-0x%02x", bus, address);
    }

    @Override
    List<Finding<FanSpec>> probe(I2cBus i2c, Provider provider, int bus) {
        Optional<int[]> ids = ids(i2c, Emc2101Fan.DEFAULT_ADDRESS);
        if (ids.isPresent() && ids.get()[1] == 0x5D && (ids.get()[0] == 0x16 || ids.get()[0] == 0x28)) {
            return List.of(Finding.of("i2c-" + bus + " address 0x4c", Status.USABLE, "EMC2101 (product id "
                    + I2cBus.hex(ids.get()[0]) + ")", new Spec(provider, bus, Emc2101Fan.DEFAULT_ADDRESS, false)));
        }
        return List.of();
    }

    @Override
    Optional<String> probed(int bus) {
        return Optional.of("0x4c");
    }

    @Override
    String restore(DeviceProviders providers, Matcher key, String value) throws HalException {
        return onBus(providers, recordedProvider(value), key,
                i2c -> Emc2101Fan.driveFull(i2c, recordedAddress(key))) + " EMC2101: full speed";
    }
}
