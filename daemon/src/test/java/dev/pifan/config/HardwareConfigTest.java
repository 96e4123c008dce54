package dev.pifan.config;

import static dev.pifan.config.ConfigErrorsTest.expect;
import static dev.pifan.config.ConfigErrorsTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.i2c.Emc230xFan;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.Discovery;
import dev.pifan.hal.linux.DiscoveryReport;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.HostRoot;
import dev.pifan.hal.linux.SysfsPwmFan;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThrottleSpec;
import dev.pifan.hal.linux.fans.ArgonOneDriver;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.fans.Emc2101Driver;
import dev.pifan.hal.linux.fans.Emc230xDriver;
import dev.pifan.hal.linux.fans.GpioDriver;
import dev.pifan.hal.linux.fans.HwmonDriver;
import dev.pifan.hal.linux.fans.PwmDriver;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.testing.FixtureTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code hardware:} section: docs/hardware-config.md is the contract. */
class HardwareConfigTest {

    static HardwareSpec hardware(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "pifan.yaml").hardware();
    }

    static FanSpec fan(String flow) throws ConfigException {
        return hardware("hardware:\n  fan: " + flow + "\n").fan();
    }

    @Nested
    class Defaults {

        @Test
        void withoutASectionEveryPartIsAuto() throws ConfigException {
            assertEquals(HardwareSpec.auto(), hardware(""));
            assertEquals(HardwareSpec.auto(), hardware("board: auto\n"));
            assertEquals(HardwareSpec.auto(), PifanConfig.defaults("cm4-blade").hardware());
        }

        @Test
        void anEmptySectionOrPartIsAuto() throws ConfigException {
            assertEquals(HardwareSpec.auto(), hardware("hardware:\n"));
            assertEquals(HardwareSpec.auto(), hardware("hardware: {}\n"));
            assertEquals(HardwareSpec.auto(), hardware("hardware:\n  fan:\n  temperature: {}\n"));
            assertEquals(HardwareSpec.auto(), hardware("hardware: {temperature: {driver: auto}, throttle: {driver: auto},"
                    + " fan: {driver: auto}}\n"));
        }

        @Test
        void aPinnedPartLeavesTheOthersAuto() throws ConfigException {
            HardwareSpec spec = hardware("hardware:\n  fan: {driver: hwmon, name: pwmfan}\n");
            assertEquals(new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.Auto(),
                    HwmonDriver.Spec.pwmFan()), spec);
        }

        @Test
        void theSummaryNamesPinnedDrivers() throws ConfigException {
            assertEquals("pifan.yaml: OK, board auto, 7 curve points 55-66C, hysteresis 4C, ceiling 65C, critical 80C,"
                    + " interval 1s,"
                    + " hardware: temperature thermal-zone, throttle auto, fan emc230x",
                    ConfigLoader.parse("hardware:\n  temperature: {driver: thermal-zone, type: cpu-thermal}\n"
                            + "  fan: {driver: emc230x, bus: 10}\n", "pifan.yaml").summary());
        }
    }

    @Nested
    class EveryDriver {

        @Test
        void temperature() throws ConfigException {
            assertEquals(new TemperatureSpec.Auto("soc-thermal"),
                    hardware("hardware: {temperature: {type: soc-thermal}}").temperature());
            assertEquals(new TemperatureSpec.ThermalZone("cpu-thermal"),
                    hardware("hardware: {temperature: {driver: thermal-zone, type: cpu-thermal}}").temperature());
            assertEquals(new TemperatureSpec.Hwmon("cpu_thermal", 1),
                    hardware("hardware: {temperature: {driver: hwmon, name: cpu_thermal}}").temperature());
            assertEquals(new TemperatureSpec.Hwmon("rp1_adc", 2),
                    hardware("hardware: {temperature: {driver: hwmon, name: rp1_adc, input: 2}}").temperature());
            assertEquals(TemperatureSpec.Vcgencmd.defaults(),
                    hardware("hardware: {temperature: {driver: vcgencmd}}").temperature());
            assertEquals(new TemperatureSpec.Vcgencmd(List.of("/opt/vc/bin/vcgencmd", "measure_temp"),
                    Duration.ofMillis(750)), hardware("""
                    hardware:
                      temperature:
                        driver: vcgencmd
                        command:
                          - /opt/vc/bin/vcgencmd
                          - measure_temp
                        timeout-ms: 750
                    """).temperature());
        }

        @Test
        void throttle() throws ConfigException {
            assertEquals(ThrottleSpec.GetThrottled.located(),
                    hardware("hardware: {throttle: {driver: get-throttled}}").throttle());
            assertEquals(new ThrottleSpec.GetThrottled(Optional.of("/sys/devices/platform/soc/soc:firmware/get_throttled")),
                    hardware("hardware: {throttle: {driver: get-throttled,"
                            + " path: /sys/devices/platform/soc/soc:firmware/get_throttled}}").throttle());
            assertEquals(new ThrottleSpec.Vcgencmd(List.of("vcgencmd", "get_throttled"), Duration.ofMillis(300)),
                    hardware("hardware: {throttle: {driver: vcgencmd, timeout-ms: 300}}").throttle());
            assertEquals(new ThrottleSpec.RpiVolt(), hardware("hardware: {throttle: {driver: rpi-volt}}").throttle());
            assertEquals(new ThrottleSpec.None(), hardware("hardware: {throttle: {driver: none}}").throttle());
        }

        @Test
        void fanAutoWithHints() throws ConfigException {
            assertEquals(new AutoDriver.Spec(Optional.of("fe20c000.pwm"), 1, List.of(1, 10), Optional.of(Provider.PI4J)),
                    fan("{driver: auto, pwm-chip: fe20c000.pwm, pwm-channel: 1, i2c-buses: [1, 10], i2c-probe: pi4j}"));
            assertEquals(AutoDriver.Spec.defaults(), fan("{i2c-buses: []}"));
        }

        @Test
        void fanHwmon() throws ConfigException {
            assertEquals(HwmonDriver.Spec.pwmFan(), fan("{driver: hwmon, name: pwmfan}"));
            assertEquals(new HwmonDriver.Spec("emc2305", Optional.of("1-004d"), 3),
                    fan("{driver: hwmon, name: emc2305, device: 1-004d, channel: 3}"));
        }

        @Test
        void fanPwmThroughSysfsHasSafeDefaults() throws ConfigException {
            PwmDriver.SysfsSpec pwm = (PwmDriver.SysfsSpec) fan("{driver: pwm, chip: fe20c000.pwm}");
            assertEquals(new PwmDriver.SysfsSpec("fe20c000.pwm", SysfsPwmFan.Settings.of(0)), pwm);
            assertFalse(pwm.settings().unexportOnClose(), "left exported at exit: unexporting stops the fan");
            assertEquals(new PwmDriver.SysfsSpec("brcm,bcm2835-pwm", new SysfsPwmFan.Settings(1, 100,
                    SysfsPwmFan.Polarity.INVERSED, true, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)),
                    fan("{driver: pwm, provider: sysfs, chip: \"brcm,bcm2835-pwm\", channel: 1, frequency-hz: 100,"
                            + " polarity: inversed, unexport-on-exit: true}"));
        }

        @Test
        void fanPwmThroughALibrary() throws ConfigException {
            assertEquals(new PwmDriver.LibrarySpec(Provider.DIOZERO, 18, -1, -1, 25_000),
                    fan("{driver: pwm, provider: diozero, gpio: 18}"));
            assertEquals(new PwmDriver.LibrarySpec(Provider.PI4J, -1, 0, 1, 20_000),
                    fan("{driver: pwm, provider: pi4j, chip: 0, channel: 1, frequency-hz: 20000}"));
        }

        @Test
        void fanI2cChips() throws ConfigException {
            assertEquals(Emc230xDriver.Spec.cm4IoBoard(), fan("{driver: emc230x, bus: 10}"));
            assertEquals(new Emc230xDriver.Spec(Provider.PI4J, 1, 0x4d, 2, Optional.of(Emc230xFan.Model.EMC2305)),
                    fan("{driver: emc230x, provider: pi4j, bus: 1, address: 0x4D, fan: 2, model: emc2305}"));
            assertEquals(new Emc230xDriver.Spec(Provider.DIOZERO, 10, 47, 1, Optional.empty()),
                    fan("{driver: emc230x, bus: 10, address: 47}"), "decimal addresses too");
            assertEquals(Emc2101Driver.Spec.onBus(1), fan("{driver: emc2101, bus: 1}"));
            assertEquals(new Emc2101Driver.Spec(Provider.DIOZERO, 3, 0x4c, true),
                    fan("{driver: emc2101, bus: 3, address: 0x4c, tachometer: true}"));
            assertEquals(ArgonOneDriver.Spec.defaults(), fan("{driver: argon-one}"));
            assertEquals(new ArgonOneDriver.Spec(Provider.PI4J, 1, 0x1a, ArgonOneFan.Protocol.LEGACY),
                    fan("{driver: argon-one, provider: pi4j, protocol: legacy}"));
        }

        @Test
        void fanGpio() throws ConfigException {
            assertEquals(new GpioDriver.Spec(Provider.DIOZERO, 18, Duty.ofPercent(50), true),
                    fan("{driver: gpio, pin: 18, threshold-percent: 50}"));
            assertEquals(new GpioDriver.Spec(Provider.PI4J, 12, Duty.ofPercent(37.5), false),
                    fan("{driver: gpio, provider: pi4j, pin: 12, threshold-percent: 37.5%, active-high: false}"));
        }

        @Test
        void fanGpioByChipAndLine() throws ConfigException {
            GpioDriver.Spec spec = GpioDriver.Spec.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), true);
            assertEquals(spec, fan("{driver: gpio, chip: 1, line: 18, threshold-percent: 50}"));
            assertEquals("gpiochip1-line18", spec.lineName());
        }
    }

    @Nested
    class Problems {

        @Test
        void aDriverNotInTheListIsNamedWithTheValidOnes() {
            expect("hardware:\n  fan: {driver: emc2031, bus: 10}\n", 2, "hardware.fan.driver",
                    "unknown driver \"emc2031\" (did you mean 'emc230x'? valid drivers: auto, hwmon, pwm, emc230x,"
                            + " emc2101, argon-one, gpio, none)");
            expect("hardware:\n  temperature:\n    driver: sensors\n", 3, "hardware.temperature.driver",
                    "unknown driver \"sensors\" (valid drivers: auto, thermal-zone, hwmon, vcgencmd)");
            expect("hardware: {throttle: {driver: vcgencmd2}}", 1, "hardware.throttle.driver",
                    "unknown driver \"vcgencmd2\" (did you mean 'vcgencmd'? valid drivers: auto, get-throttled,"
                            + " vcgencmd, rpi-volt, none)");
        }

        @Test
        void requiredKeysMissingAreNamed() {
            expect("hardware:\n  fan: {driver: emc230x}\n", 2, "hardware.fan", "driver emc230x needs bus");
            expect("hardware:\n  fan:\n    driver: gpio\n", 3, "hardware.fan",
                    "driver gpio needs pin and threshold-percent");
            expect("hardware: {fan: {driver: gpio, chip: 1, threshold-percent: 50}}", 1, "hardware.fan",
                    "driver gpio needs line");
            expect("hardware: {fan: {driver: gpio, line: 18, threshold-percent: 50}}", 1, "hardware.fan",
                    "driver gpio needs chip");
            expect("hardware: {temperature: {driver: hwmon}}", 1, "hardware.temperature", "driver hwmon needs name");
            expect("hardware: {fan: {driver: pwm}}", 1, "hardware.fan", "driver pwm needs chip");
            expect("hardware: {fan: {driver: pwm, provider: pi4j, chip: 0}}", 1, "hardware.fan",
                    "driver pwm needs channel");
        }

        @Test
        void unknownKeysGetADidYouMeanOrTheDriverTheyBelongTo() {
            expect("hardware:\n  fan:\n    driver: hwmon\n    name: pwmfan\n    chanel: 2\n", 5, "hardware.fan.chanel",
                    "unknown key (did you mean 'channel'?)");
            assertEquals(List.of("pifan.yaml:3: hardware.fan: driver hwmon needs name",
                    "pifan.yaml:4: hardware.fan.naem: unknown key (did you mean 'name'?)"),
                    problems("hardware:\n  fan:\n    driver: hwmon\n    naem: pwmfan\n").stream()
                            .map(ConfigProblem::toString).toList());
            expect("hardware:\n  fan:\n    driver: hwmon\n    name: pwmfan\n    bus: 10\n", 5, "hardware.fan.bus",
                    "not a key of driver hwmon (it belongs to driver emc230x, emc2101, argon-one)");
            expect("hardware: {fan: {bus: 10}}", 1, "hardware.fan.bus",
                    "not a key of driver auto, the default (it belongs to driver emc230x, emc2101, argon-one: set one)");
            expect("hardware: {throttle: {driver: rpi-volt, speed: 3}}", 1, "hardware.throttle.speed",
                    "unknown key (driver rpi-volt takes no other keys)");
            expect("hardware: {fan: {driver: argon-one, speed: 3}}", 1, "hardware.fan.speed",
                    "unknown key (driver argon-one takes: provider, bus, address, protocol)");
            expect("hardware: {fans: {}}", 1, "hardware.fans", "unknown key (did you mean 'fan'?)");
            expect("hardware: {fan: {driver: pwm, chip: pwmchip0, gpio: 18}}", 1, "hardware.fan.gpio",
                    "not a key of driver pwm with provider sysfs (gpio goes with provider diozero)");
        }

        @Test
        void hardwareKeysInTheWrongPlaceAreToldWhereTheyBelong() {
            expect("temperature: {driver: auto}\n", 1, "temperature", "unknown key here (it belongs under hardware:)");
            expect("fan:\n  driver: hwmon\n", 2, "fan.driver",
                    "unknown key here (which fan to drive belongs under hardware.fan:)");
            expect("hardware:\n  fan: hwmon\n", 2, "hardware.fan",
                    "expected a map: write {driver: hwmon}, found \"hwmon\"");
            expect("hardware: [fan]\n", 1, "hardware",
                    "expected a map of settings (temperature, throttle, fan), found a list");
        }

        @Test
        void i2cAddressesInRangeAsHexOrDecimal() {
            expect("hardware: {fan: {driver: emc230x, bus: 10, address: 0x78}}", 1, "hardware.fan.address",
                    "0x78 outside 0x03..0x77 (the 7-bit addresses a device can have)");
            expect("hardware: {fan: {driver: emc230x, bus: 10, address: 2}}", 1, "hardware.fan.address",
                    "2 outside 0x03..0x77 (the 7-bit addresses a device can have)");
            expect("hardware: {fan: {driver: emc2101, bus: 1, address: 2f}}", 1, "hardware.fan.address",
                    "\"2f\" is not an I2C address: write e.g. 0x2f or 47");
        }

        @Test
        void numbersInRange() {
            expect("hardware: {fan: {driver: emc230x, bus: -1}}", 1, "hardware.fan.bus", "-1 outside 0..1023");
            expect("hardware: {fan: {driver: emc230x, bus: ten}}", 1, "hardware.fan.bus", "\"ten\" is not a whole number");
            expect("hardware: {fan: {driver: emc230x, bus: 10, fan: 6}}", 1, "hardware.fan.fan", "6 outside 1..5");
            expect("hardware: {fan: {driver: emc230x, bus: 10, fan: 2, model: emc2301}}", 1, "hardware.fan.fan",
                    "EMC2301 has 1 fan output; fan 2 does not exist");
            expect("hardware: {fan: {driver: pwm, chip: pwmchip0, frequency-hz: 0}}", 1, "hardware.fan.frequency-hz",
                    "0 outside 1..1000000");
            expect("hardware: {fan: {driver: pwm, provider: diozero, gpio: 17}}", 1, "hardware.fan.gpio",
                    "GPIO 17 has no hardware PWM: use 12, 13, 18 or 19 (an on/off fan on any pin: driver: gpio)");
            expect("hardware: {fan: {driver: gpio, pin: 64, threshold-percent: 50}}", 1, "hardware.fan.pin",
                    "64 outside 0..57");
            expect("hardware: {fan: {driver: gpio, pin: 18, threshold-percent: 0}}", 1, "hardware.fan.threshold-percent",
                    "0 outside 0..100 (above 0: the duty at and above which the fan is switched on)");
            expect("hardware: {fan: {driver: gpio, chip: 256, line: 0, threshold-percent: 50}}", 1,
                    "hardware.fan.chip", "256 outside 0..255");
            expect("hardware: {fan: {driver: gpio, chip: 0, line: -1, threshold-percent: 50}}", 1,
                    "hardware.fan.line", "-1 outside 0..1023");
            expect("hardware: {temperature: {driver: vcgencmd, timeout-ms: 5}}", 1, "hardware.temperature.timeout-ms",
                    "5 outside 10..60000");
            expect("hardware: {temperature: {driver: hwmon, name: cpu_thermal, input: 0}}", 1,
                    "hardware.temperature.input", "0 outside 1..99");
        }

        @Test
        void providers() {
            expect("hardware: {fan: {driver: emc230x, bus: 10, provider: sysfs}}", 1, "hardware.fan.provider",
                    "driver emc230x talks I2C: provider diozero or pi4j (sysfs drives PWM and hwmon only)");
            expect("hardware: {fan: {driver: gpio, pin: 18, threshold-percent: 50, provider: wiringpi}}", 1,
                    "hardware.fan.provider", "unknown provider \"wiringpi\" (valid: diozero, pi4j)");
            expect("hardware: {fan: {driver: pwm, provider: pigpio, chip: pwmchip0}}", 1, "hardware.fan.provider",
                    "unknown provider \"pigpio\" (valid: sysfs, diozero, pi4j)");
            expect("hardware: {fan: {driver: gpio, provider: pi4j, chip: 0, line: 18, threshold-percent: 50}}", 1,
                    "hardware.fan.provider", "chip and line need provider diozero (Pi4J's GPIO is addressed by BCM"
                            + " number: pin)");
            expect("hardware: {fan: {driver: gpio, pin: 18, chip: 0, line: 18, threshold-percent: 50}}", 1,
                    "hardware.fan.pin", "pin and chip/line both name the fan's line: give pin (a BCM number) or chip"
                            + " and line (/dev/gpiochipN and its line offset)");
            expect("hardware: {fan: {i2c-probe: sysfs}}", 1, "hardware.fan.i2c-probe",
                    "I2C is probed through a library: provider diozero or pi4j (sysfs drives PWM and hwmon only)");
        }

        @Test
        void valuesOfTheWrongShapeOrWord() {
            expect("hardware: {fan: {driver: pwm, chip: 0}}", 1, "hardware.fan.chip",
                    "\"0\" is not a chip selector: write pwmchip0, or better the device (fe20c000.pwm, bcm2835-pwm),"
                            + " which does not depend on probe order");
            expect("hardware: {fan: {driver: pwm, chip: pwmchip0, polarity: inverted}}", 1, "hardware.fan.polarity",
                    "unknown polarity \"inverted\" (did you mean 'inversed'? valid: normal, inversed)");
            expect("hardware: {fan: {driver: emc2101, bus: 1, tachometer: yes}}", 1, "hardware.fan.tachometer",
                    "expected true or false, found \"yes\"");
            expect("hardware: {fan: {driver: hwmon, name: \"  \"}}", 1, "hardware.fan.name", "must not be empty");
            expect("hardware: {fan: {driver: hwmon, name: [pwmfan]}}", 1, "hardware.fan.name",
                    "expected an hwmon device name, found a list");
            expect("hardware: {throttle: {driver: get-throttled, path: sys/get_throttled}}", 1,
                    "hardware.throttle.path", "\"sys/get_throttled\" must be an absolute path as the host sees it"
                            + " (/sys/...): --root is put in front of it");
            expect("hardware: {temperature: {driver: vcgencmd, command: vcgencmd measure_temp}}", 1,
                    "hardware.temperature.command", "expected a command as a list of words ([vcgencmd, measure_temp]),"
                            + " found \"vcgencmd measure_temp\"");
            expect("hardware: {fan: {i2c-buses: [1, x]}}", 1, "hardware.fan.i2c-buses[1]",
                    "\"x\" is not a whole number");
            expect("hardware: {fan: {driver: emc230x, bus: 10, model: emc2350}}", 1, "hardware.fan.model",
                    "unknown model \"emc2350\" (did you mean 'emc2305'? valid: emc2301, emc2302, emc2303, emc2305)");
        }

        @Test
        void everyProblemOfTheSectionIsListedWithItsLine() {
            List<ConfigProblem> problems = problems("""
                    hardware:
                      temperature:
                        driver: hwmon
                      throttle: {driver: rpi-volt}
                      fan:
                        driver: emc230x
                        bus: 10
                        address: 0x80
                        fan: 0
                        modle: emc2301
                    """);
            assertEquals(List.of(
                    "pifan.yaml:3: hardware.temperature: driver hwmon needs name",
                    "pifan.yaml:8: hardware.fan.address: 0x80 outside 0x03..0x77 (the 7-bit addresses a device can have)",
                    "pifan.yaml:9: hardware.fan.fan: 0 outside 1..5",
                    "pifan.yaml:10: hardware.fan.modle: unknown key (did you mean 'model'?)"),
                    problems.stream().map(ConfigProblem::toString).toList());
        }

        @Test
        void aDuplicateKeyInAPart() {
            expect("hardware:\n  fan:\n    driver: hwmon\n    name: a\n    name: b\n", 5, "hardware.fan.name",
                    "duplicate key, first set at line 4");
        }
    }

    @Nested
    class RoundTrip {

        /** Every variant of every part, as the hal renders it. */
        static Stream<HardwareSpec> everySpec() {
            List<TemperatureSpec> temperatures = List.of(TemperatureSpec.Auto.defaults(),
                    new TemperatureSpec.Auto("soc-thermal"), new TemperatureSpec.ThermalZone("cpu-thermal"),
                    new TemperatureSpec.Hwmon("cpu_thermal", 1), new TemperatureSpec.Hwmon("rp1_adc", 2),
                    TemperatureSpec.Vcgencmd.defaults(),
                    new TemperatureSpec.Vcgencmd(List.of("/usr/bin/vcgencmd", "measure_temp"), Duration.ofMillis(300)));
            List<ThrottleSpec> throttles = List.of(new ThrottleSpec.Auto(), ThrottleSpec.GetThrottled.located(),
                    new ThrottleSpec.GetThrottled(Optional.of("/sys/devices/platform/soc@107c000000/"
                            + "soc@107c000000:firmware/get_throttled")),
                    ThrottleSpec.Vcgencmd.defaults(), new ThrottleSpec.RpiVolt(), new ThrottleSpec.None());
            List<FanSpec> fans = List.of(AutoDriver.Spec.defaults(),
                    new AutoDriver.Spec(Optional.of("brcm,bcm2835-pwm"), 1, List.of(1, 10), Optional.of(Provider.DIOZERO)),
                    HwmonDriver.Spec.pwmFan(), new HwmonDriver.Spec("pwmfan", Optional.of("cooling_fan"), 2),
                    new PwmDriver.SysfsSpec("fe20c000.pwm", SysfsPwmFan.Settings.of(0)),
                    new PwmDriver.SysfsSpec("pwmchip2", new SysfsPwmFan.Settings(3, 50, SysfsPwmFan.Polarity.INVERSED, true,
                            SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)),
                    new PwmDriver.LibrarySpec(Provider.DIOZERO, 12, -1, -1, 25_000),
                    new PwmDriver.LibrarySpec(Provider.PI4J, -1, 2, 1, 30_000),
                    Emc230xDriver.Spec.cm4IoBoard(),
                    new Emc230xDriver.Spec(Provider.PI4J, 1, 0x2c, 3, Optional.of(Emc230xFan.Model.EMC2303)),
                    Emc2101Driver.Spec.onBus(1), new Emc2101Driver.Spec(Provider.PI4J, 4, 0x4c, true),
                    ArgonOneDriver.Spec.defaults(),
                    new ArgonOneDriver.Spec(Provider.PI4J, 3, 0x1b, ArgonOneFan.Protocol.REGISTER),
                    new GpioDriver.Spec(Provider.DIOZERO, 18, Duty.ofPercent(50), true),
                    new GpioDriver.Spec(Provider.PI4J, 4, Duty.ofPercent(30), false));
            List<HardwareSpec> specs = new ArrayList<>();
            int n = Math.max(temperatures.size(), Math.max(throttles.size(), fans.size()));
            for (int i = 0; i < n; i++) {
                specs.add(new HardwareSpec(temperatures.get(i % temperatures.size()),
                        throttles.get(i % throttles.size()), fans.get(i % fans.size())));
            }
            return specs.stream();
        }

        @ParameterizedTest
        @MethodSource("everySpec")
        void whatTheHalRendersParsesBackToTheSameSpec(HardwareSpec spec) throws ConfigException {
            assertEquals(spec, hardware(spec.toYaml()), spec.toYaml());
        }

        @ParameterizedTest
        @ValueSource(strings = {Fixtures.PI4_PWM, Fixtures.PI5_ACTIVE_COOLER, Fixtures.PI4_POE_PLUS,
                Fixtures.CM4_IO_BOARD, Fixtures.TALOS_PI4})
        void theSnippetProbePrintsForEachFixtureParsesBackToItsChoice(String fixture, @TempDir Path tmp)
                throws ConfigException {
            Host host = Host.builder(HostRoot.of(FixtureTrees.copy(fixture, tmp))).executablePath(List.of())
                    .providers(DeviceProviders.none()).build();
            DiscoveryReport report = Discovery.run(host);
            HardwareSpec parsed = hardware(report.toYaml());
            if (report.chosen().isPresent()) {
                assertEquals(report.chosen().get(), parsed, report.toYaml());
            } else {
                // Talos: no fan, so the snippet's fan line is a comment and the fan stays auto
                assertEquals(Fixtures.TALOS_PI4, fixture);
                assertEquals(report.chosenTemperature().orElseThrow().spec().orElseThrow(), parsed.temperature());
                assertEquals(report.chosenThrottle().orElseThrow().spec().orElseThrow(), parsed.throttle());
                assertEquals(AutoDriver.Spec.defaults(), parsed.fan());
                assertTrue(report.toYaml().contains("# fan: nothing usable found"), report.toYaml());
            }
        }

        @Test
        void everyExampleOfTheDocParses() throws IOException, ConfigException {
            String doc = Files.readString(Path.of("..", "docs", "hardware-config.md"));
            Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
            int examples = 0;
            while (block.find()) {
                HardwareSpec spec = hardware(block.group(1));
                assertEquals(spec, hardware(spec.toYaml()));
                examples++;
            }
            assertTrue(examples >= 3, "examples found: " + examples);
        }
    }
}
