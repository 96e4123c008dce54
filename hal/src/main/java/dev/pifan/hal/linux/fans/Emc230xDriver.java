package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Yaml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code driver: emc230x}: a Microchip EMC2301/2/3/5 on raw I2C (the CM4 IO board's fan chip). */
public final class Emc230xDriver extends I2cFanDriver<Emc230xDriver.Spec> {

    /** Addresses an EMC230x can have (ADDR_SEL strapping), the CM4 IO board's 0x2f first. */
    private static final int[] ADDRESSES = {0x2f, 0x2e, 0x2d, 0x2c, 0x4d};

    /** {@code fan-emc230x-i2c10-0x2f-fan1}; the record's value is the provider that drove it. */
    private static final Pattern RECORD = Pattern.compile("fan-emc230x-i2c(\\d+)-0x([0-9a-f]{2})-fan([1-5])");

    private static final FanKey<Integer> ADDRESS = address(Emc230xFan.DEFAULT_ADDRESS);
    private static final FanKey<Integer> FAN = FanKey.integer("fan", "a fan output number", 1, 5, 1);
    private static final FanKey<Emc230xFan.Model> MODEL = new FanKey<>("model", "a chip model", Emc230xDriver::model,
            null);

    public Emc230xDriver() {
        super("emc230x", Spec.class, List.of(PROVIDER, BUS, ADDRESS, FAN, MODEL), RECORD);
    }

    /** {@code driver: emc230x, bus: 10, address: 0x2f, fan: 1} (optionally {@code model: emc2301}). */
    public record Spec(Provider provider, int bus, int address, int fan, Optional<Emc230xFan.Model> model)
            implements FanSpec {
        public Spec {
            FanValues.requireLibrary(provider);
        }

        public static Spec cm4IoBoard() {
            return new Spec(Provider.DIOZERO, 10, Emc230xFan.DEFAULT_ADDRESS, 1, Optional.empty());
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "emc230x");
            model.ifPresent(m -> yaml.put("model", m.name().toLowerCase(Locale.ROOT)));
            FanValues.providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("fan", fan).toString();
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        config.required(BUS);
        Integer bus = config.value(BUS);
        Integer address = config.value(ADDRESS);
        Integer fan = config.value(FAN);
        Emc230xFan.Model model = config.value(MODEL);
        if (model != null && fan != null && fan > model.fans()) {
            config.problem(FAN, model + " has " + model.fans() + " fan output" + (model.fans() == 1 ? "" : "s")
                    + "; fan " + fan + " does not exist");
        }
        return config.build(() -> new Spec(provider, bus, address, fan, Optional.ofNullable(model)));
    }

    private static Emc230xFan.Model model(FanConfig config, String text) {
        List<String> names = Arrays.stream(Emc230xFan.Model.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                .toList();
        return Emc230xFan.Model.valueOf(config.choice(text, names, "model").toUpperCase(Locale.ROOT));
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        I2cBus bus = opening.bus(spec.provider(), spec.bus());
        Emc230xFan fan = Emc230xFan.open(bus, spec.address(), spec.fan(), spec.model(),
                opening.host().newStallDetector());
        opening.recordDriven(record(spec.bus(), spec.address(), spec.fan()), spec.provider().configName());
        return fan;
    }

    private static String record(int bus, int address, int fan) {
        return String.format(Locale.ROOT, "fan-emc230x-i2c%d-0x%02x-fan%d", bus, address, fan);
    }

    @Override
    List<Finding<FanSpec>> probe(I2cBus i2c, Provider provider, int bus) {
        List<Finding<FanSpec>> findings = new ArrayList<>();
        for (int address : ADDRESSES) {
            Optional<int[]> ids = ids(i2c, address);
            if (ids.isEmpty()) {
                continue;
            }
            int product = ids.get()[0];
            int vendor = ids.get()[1];
            Optional<Emc230xFan.Model> model = Arrays.stream(Emc230xFan.Model.values())
                    .filter(m -> m.productId() == product).findFirst();
            if (vendor == 0x5D && model.isPresent()) {
                findings.add(Finding.of("i2c-" + bus + " address " + I2cBus.hex(address), Status.USABLE, model.get()
                        + " (product id " + I2cBus.hex(product) + ")", new Spec(provider, bus, address, 1, model)));
            }
        }
        return findings;
    }

    @Override
    Optional<String> probed(int bus) {
        return Optional.of("0x2c..0x2f, 0x4d");
    }

    @Override
    String restore(DeviceProviders providers, Matcher key, String value) throws HalException {
        int fan = Integer.parseInt(key.group(3));
        return onBus(providers, recordedProvider(value), key,
                i2c -> Emc230xFan.driveFull(i2c, recordedAddress(key), fan)) + " fan " + fan + ": full speed";
    }
}
