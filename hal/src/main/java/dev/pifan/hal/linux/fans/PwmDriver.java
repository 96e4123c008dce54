package dev.pifan.hal.linux.fans;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.io.PwmOutputFan;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.Finding;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.PwmChip;
import dev.pifan.hal.linux.Sysfs;
import dev.pifan.hal.linux.SysfsErrors;
import dev.pifan.hal.linux.SysfsPwmFan;
import dev.pifan.hal.linux.Yaml;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code driver: pwm}: a hardware PWM channel, through {@code /sys/class/pwm} (provider sysfs, the
 * default) or a library (diozero by GPIO, Pi4J by chip and channel number).
 */
public final class PwmDriver extends RecordedFanDriver<PwmDriver.Spec> {

    /** The GPIOs the Pi's two hardware PWM channels can be routed to. */
    private static final List<Integer> PWM_GPIOS = List.of(12, 13, 18, 19);
    private static final int MIN_FREQUENCY_HZ = 1;
    private static final int MAX_FREQUENCY_HZ = 1_000_000;

    /** The Pi 4's PWM block: enabled only by dtoverlay=pwm, so its presence means "use me". */
    private static final String OVERLAY_ONLY_PWM = "brcm,bcm2835-pwm";

    private static final FanKey<Provider> PROVIDER = new FanKey<>("provider", "a provider", PwmDriver::provider,
            Provider.SYSFS);
    private static final FanKey<Integer> FREQUENCY = FanKey.integer("frequency-hz", "a frequency in Hz",
            MIN_FREQUENCY_HZ, MAX_FREQUENCY_HZ, SysfsPwmFan.DEFAULT_FREQUENCY_HZ);
    private static final FanKey<String> SYSFS_CHIP = new FanKey<>("chip", "a pwm chip", FanValues::chipSelector,
            null);
    private static final FanKey<Integer> SYSFS_CHANNEL = FanKey.integer("channel", "a channel number", 0,
            FanValues.MAX_CHANNEL, 0);
    private static final FanKey<SysfsPwmFan.Polarity> POLARITY = new FanKey<>("polarity", "a polarity",
            PwmDriver::polarity, SysfsPwmFan.Polarity.NORMAL);
    private static final FanKey<Boolean> UNEXPORT = FanKey.bool("unexport-on-exit", false);
    private static final FanKey<Integer> GPIO = new FanKey<>("gpio", "a GPIO number (BCM)", PwmDriver::pwmGpio,
            null);
    private static final FanKey<Integer> PI4J_CHIP = FanKey.integer("chip", "a pwm chip number", 0,
            FanValues.MAX_CHANNEL, null);
    private static final FanKey<Integer> PI4J_CHANNEL = FanKey.integer("channel", "a channel number", 0,
            FanValues.MAX_CHANNEL, null);

    /** The keys by provider: sysfs names a chip, diozero a GPIO, Pi4J a chip number. */
    private static final Map<Provider, List<FanKey<?>>> KEYS = keysByProvider();

    /** {@code fan-pwmchip0-pwm1}: channel 1 of the chip's class entry. */
    private static final Pattern RECORD = Pattern.compile("fan-(pwmchip\\d+)-pwm(\\d+)");

    public PwmDriver() {
        super("pwm", Spec.class, allKeys(), RECORD);
    }

    /** Either way of reaching a PWM channel. */
    public sealed interface Spec extends FanSpec {
    }

    /** {@code driver: pwm} through {@code /sys/class/pwm} (provider sysfs, the default). */
    public record SysfsSpec(String chip, SysfsPwmFan.Settings settings) implements Spec {
        public SysfsSpec {
            if (chip == null || chip.isBlank()) {
                throw new IllegalArgumentException("pwm chip selector is empty");
            }
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "pwm").put("chip", chip).put("channel", settings.channel());
            if (settings.frequencyHz() != SysfsPwmFan.DEFAULT_FREQUENCY_HZ) {
                yaml.put("frequency-hz", settings.frequencyHz());
            }
            if (settings.polarity() != SysfsPwmFan.Polarity.NORMAL) {
                yaml.put("polarity", settings.polarity().sysfsName());
            }
            if (settings.unexportOnClose()) {
                yaml.put("unexport-on-exit", true);
            }
            return yaml.toString();
        }
    }

    /** {@code driver: pwm, provider: diozero} (by {@code gpio}) or {@code provider: pi4j} (by {@code chip} number and {@code channel}). */
    public record LibrarySpec(Provider provider, int gpio, int chip, int channel, int frequencyHz) implements Spec {
        public LibrarySpec {
            if (provider == Provider.SYSFS) {
                throw new IllegalArgumentException("use SysfsSpec for provider sysfs");
            }
        }

        @Override
        public String toYaml() {
            Yaml yaml = Yaml.map().put("driver", "pwm").put("provider", provider.configName());
            if (gpio >= 0) {
                yaml.put("gpio", gpio);
            }
            if (chip >= 0) {
                yaml.put("chip", chip).put("channel", channel);
            }
            if (frequencyHz != SysfsPwmFan.DEFAULT_FREQUENCY_HZ) {
                yaml.put("frequency-hz", frequencyHz);
            }
            return yaml.toString();
        }
    }

    /** The keys depend on the provider, so they are checked once it is known. */
    @Override
    public Spec parse(FanConfig config) {
        Provider provider = config.value(PROVIDER);
        if (provider == null) {
            return null;
        }
        for (String key : config.keys()) {
            if (!names(KEYS.get(provider)).contains(key)) {
                List<String> others = KEYS.entrySet().stream().filter(e -> names(e.getValue()).contains(key))
                        .map(e -> e.getKey().configName()).toList();
                config.misplaced(key, "not a key of driver pwm with provider " + provider.configName() + " ("
                        + config.shown(key) + " goes with provider " + String.join(" or ", others) + ")");
            }
        }
        Integer frequency = config.value(FREQUENCY);
        switch (provider) {
            case SYSFS: {
                config.required(SYSFS_CHIP);
                String chip = config.value(SYSFS_CHIP);
                Integer channel = config.value(SYSFS_CHANNEL);
                SysfsPwmFan.Polarity polarity = config.value(POLARITY);
                Boolean unexport = config.value(UNEXPORT);
                return config.build(() -> new SysfsSpec(chip, new SysfsPwmFan.Settings(channel, frequency, polarity,
                        unexport, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)));
            }
            case DIOZERO: {
                config.required(GPIO);
                Integer gpio = config.value(GPIO);
                return config.build(() -> new LibrarySpec(Provider.DIOZERO, gpio, -1, -1, frequency));
            }
            default: { // PI4J
                config.required(PI4J_CHIP, PI4J_CHANNEL);
                Integer chip = config.value(PI4J_CHIP);
                Integer channel = config.value(PI4J_CHANNEL);
                return config.build(() -> new LibrarySpec(Provider.PI4J, -1, chip, channel, frequency));
            }
        }
    }

    private static Provider provider(FanConfig config, String text) {
        return Provider.parse(config.choice(text, List.of("sysfs", "diozero", "pi4j"), "provider"));
    }

    private static Integer pwmGpio(FanConfig config, String text) {
        int gpio = config.integer(text, 0, FanValues.MAX_GPIO);
        if (!PWM_GPIOS.contains(gpio)) {
            throw new IllegalArgumentException("GPIO " + gpio + " has no hardware PWM: use 12, 13, 18 or 19"
                    + " (an on/off fan on any pin: driver: gpio)");
        }
        return gpio;
    }

    private static SysfsPwmFan.Polarity polarity(FanConfig config, String text) {
        List<String> names = Arrays.stream(SysfsPwmFan.Polarity.values()).map(SysfsPwmFan.Polarity::sysfsName)
                .toList();
        return SysfsPwmFan.Polarity.valueOf(config.choice(text, names, "polarity").toUpperCase(Locale.ROOT));
    }

    private static List<FanKey<?>> allKeys() {
        return KEYS.values().stream().flatMap(List::stream).toList();
    }

    private static List<String> names(List<FanKey<?>> keys) {
        return keys.stream().map(FanKey::name).toList();
    }

    private static Map<Provider, List<FanKey<?>>> keysByProvider() {
        Map<Provider, List<FanKey<?>>> keys = new EnumMap<>(Provider.class);
        keys.put(Provider.SYSFS, List.of(PROVIDER, SYSFS_CHIP, SYSFS_CHANNEL, FREQUENCY, POLARITY, UNEXPORT));
        keys.put(Provider.DIOZERO, List.of(PROVIDER, GPIO, FREQUENCY));
        keys.put(Provider.PI4J, List.of(PROVIDER, PI4J_CHIP, PI4J_CHANNEL, FREQUENCY));
        return keys;
    }

    // ---- open and restore ---------------------------------------------------------------------

    @Override
    public Fan open(Spec spec, FanOpening opening) throws HalException {
        Host host = opening.host();
        if (spec instanceof SysfsSpec pwm) {
            PwmChip chip = PwmChip.find(host.sysfs(), pwm.chip());
            SysfsPwmFan fan = opening.keep(SysfsPwmFan.open(host.sysfs(), chip, pwm.settings(), host.clock(),
                    host.sleeper()));
            opening.recordDriven(record(chip, pwm.settings().channel()), "driven");
            return fan;
        }
        LibrarySpec pwm = (LibrarySpec) spec;
        DeviceProvider library = opening.library(pwm.provider());
        var output = library.openPwm(new DeviceProvider.PwmTarget(pwm.gpio(), pwm.chip(), pwm.channel()),
                pwm.frequencyHz(), Duty.FULL);
        opening.leaveRunning(library);
        return new PwmOutputFan(output.id(), output);
    }

    private static String record(PwmChip chip, int channel) {
        return "fan-" + chip.directory().getFileName() + "-pwm" + channel;
    }

    /** Full speed is a duty cycle of the whole period, which the channel still has from pifan. */
    @Override
    String restore(Sysfs sysfs, DeviceProviders providers, Matcher pwm, String value) throws HalException {
        Path channel = sysfs.path(PwmChip.CLASS_DIR + "/" + pwm.group(1) + "/pwm" + pwm.group(2));
        long period = sysfs.readInteger(channel.resolve("period"), 1, Long.MAX_VALUE);
        sysfs.write(channel.resolve("duty_cycle"), period);
        sysfs.write(channel.resolve("enable"), 1);
        return channel + ": full speed (duty_cycle = period " + period + " ns, enabled)";
    }

    // ---- discovery ----------------------------------------------------------------------------

    /**
     * What {@code channel} of {@code chip} would be as a fan; {@code hintedSelector} is the chip
     * as the config names it (null: found by listing, and then only the Pi 4's PWM block is chosen).
     */
    static Finding<FanSpec> find(Sysfs sysfs, PwmChip chip, String hintedSelector, int channel) {
        String source = chip.describe();
        if (!chip.isFreeForFans()) {
            return Finding.without(source, Status.UNSUITABLE, "the PoE HAT's firmware PWM, driven by the pwm-fan"
                    + " driver: use its hwmon fan (pwmfan)");
        }
        if (chip.npwm() > 0 && channel >= chip.npwm()) {
            return Finding.without(source + " channel " + channel, Status.MISSING, "the chip has " + chip.npwm()
                    + " channel(s)");
        }
        List<PwmChip.Consumer> consumers = chip.consumers(sysfs);
        if (!consumers.isEmpty() && chip.npwm() == 1) {
            return Finding.without(source + " channel " + channel, Status.UNSUITABLE, PwmChip.heldBy(consumers));
        }
        String held = consumers.isEmpty() ? "" : "; one channel of this chip is " + PwmChip.heldBy(consumers);
        String selector = hintedSelector != null ? hintedSelector : chip.selector();
        FanSpec spec = new SysfsSpec(selector, SysfsPwmFan.Settings.of(channel));
        Path channelDir = chip.directory().resolve("pwm" + channel);
        Path target = sysfs.isDirectory(channelDir) ? channelDir.resolve("duty_cycle") : chip.directory().resolve("export");
        if (!sysfs.files().isWritable(target)) {
            return Finding.of(source + " channel " + channel, Status.PERMISSION_DENIED, "permission denied on "
                    + target + ": " + SysfsErrors.accessHint(target.toString()), spec);
        }
        String detail = (sysfs.isDirectory(channelDir) ? "channel " + channel + " already exported" : "channel "
                + channel + " exportable") + (chip.device().compatible().contains(OVERLAY_ONLY_PWM)
                ? " (channel 0 is GPIO 12 or 18, channel 1 is GPIO 13 or 19; set pwm-channel to match)" : "") + held;
        if (hintedSelector == null && !chip.device().compatible().contains(OVERLAY_ONLY_PWM)) {
            // Only the Pi 4's PWM block is off unless an overlay asks for it; any other chip may carry
            // something else (the Pi 5's RP1 PWM also drives the fan header): never drive it unasked.
            return Finding.without(source + " channel " + channel, Status.USABLE, detail + "; not chosen"
                    + " unless named: fan: {driver: auto, pwm-chip: " + Yaml.scalar(chip.selector()) + "}");
        }
        return Finding.of(source + " channel " + channel, Status.USABLE, detail, spec);
    }
}
