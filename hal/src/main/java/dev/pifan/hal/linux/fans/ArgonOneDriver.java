package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Yaml;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code driver: argon-one}: the fan MCU of an Argon ONE case, on I2C bus 1. */
public final class ArgonOneDriver extends I2cFanDriver<ArgonOneDriver.Spec> {

    /** {@code fan-argon-one-i2c1-0x1a}; the value is the provider and the protocol found at open. */
    private static final Pattern RECORD = Pattern.compile("fan-argon-one-i2c(\\d+)-0x([0-9a-f]{2})");

    private static final FanKey<Integer> ARGON_BUS = BUS.withDefault(ArgonOneFan.DEFAULT_BUS);
    private static final FanKey<Integer> ADDRESS = address(ArgonOneFan.DEFAULT_ADDRESS);
    private static final FanKey<ArgonOneFan.Protocol> PROTOCOL = new FanKey<>("protocol", "a protocol",
            ArgonOneDriver::protocol, ArgonOneFan.Protocol.AUTO);

    public ArgonOneDriver() {
        super("argon-one", Spec.class, List.of(PROVIDER, ARGON_BUS, ADDRESS, PROTOCOL), RECORD);
    }

    /** {@code driver: argon-one, protocol: auto|legacy|register} (bus 1, address 0x1a by default). */
    public record Spec(Provider provider, int bus, int address, ArgonOneFan.Protocol protocol) implements FanSpec {
        public Spec {
            FanValues.requireLibrary(provider);
        }

        public static Spec defaults() {
            return new Spec(Provider.DIOZERO, ArgonOneFan.DEFAULT_BUS, ArgonOneFan.DEFAULT_ADDRESS,
                    ArgonOneFan.Protocol.AUTO);
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "argon-one");
            FanValues.providerIfNotDefault(yaml, provider);
            return yaml.put("bus", bus).putHex("address", address).put("protocol", protocol.configName()).toString();
        }
    }

    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        Integer bus = config.value(ARGON_BUS);
        Integer address = config.value(ADDRESS);
        ArgonOneFan.Protocol protocol = config.value(PROTOCOL);
        return config.build(() -> new Spec(provider, bus, address, protocol));
    }

    private static ArgonOneFan.Protocol protocol(FanConfig config, String text) {
        List<String> names = Arrays.stream(ArgonOneFan.Protocol.values()).map(ArgonOneFan.Protocol::configName)
                .toList();
        return ArgonOneFan.Protocol.valueOf(config.choice(text, names, "protocol").toUpperCase(Locale.ROOT));
    }

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        I2cBus bus = opening.bus(spec.provider(), spec.bus());
        ArgonOneFan fan = ArgonOneFan.open(bus, spec.address(), spec.protocol(),
                () -> opening.host().sleeper().sleep(ArgonOneFan.SETTLE));
        opening.recordDriven(record(spec.bus(), spec.address()),
                spec.provider().configName() + " " + fan.protocol().configName());
        return fan;
    }

    private static String record(int bus, int address) {
        return String.format(Locale.ROOT, "fan-argon-one-i2c%d-0x%02x", bus, address);
    }

    /** The MCU has no id to check: a device that answers at its address is all there is to see. */
    @Override
    List<Finding<FanSpec>> probe(I2cBus i2c, Provider provider, int bus) {
        if (bus != ArgonOneFan.DEFAULT_BUS) {
            return List.of();
        }
        try {
            i2c.readByte(ArgonOneFan.DEFAULT_ADDRESS);
            return List.of(Finding.of("i2c-" + bus + " address 0x1a", Status.UNVERIFIED, "a device answers where an"
                    + " Argon ONE's fan MCU sits (it has no id to check)",
                    new Spec(provider, bus, ArgonOneFan.DEFAULT_ADDRESS, ArgonOneFan.Protocol.AUTO)));
        } catch (HalException e) {
            return List.of(); // nothing at 0x1a
        }
    }

    @Override
    Optional<String> probed(int bus) {
        return bus == ArgonOneFan.DEFAULT_BUS ? Optional.of("0x1a") : Optional.empty();
    }

    @Override
    String restore(DeviceProviders providers, Matcher key, String value) throws HalException {
        String[] words = value.split("\\s+");
        // the protocol found at open, so that restore sends what that firmware takes; open
        // itself writes 100% first (never 0xff)
        ArgonOneFan.Protocol protocol = words.length > 1 && words[1].equals("legacy")
                ? ArgonOneFan.Protocol.LEGACY : ArgonOneFan.Protocol.REGISTER;
        return onBus(providers, recordedProvider(words[0]), key,
                i2c -> ArgonOneFan.open(i2c, recordedAddress(key), protocol, () -> { }))
                + " Argon ONE: full speed (" + protocol.configName() + " protocol)";
    }
}
