package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.ArgonOneDriver;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.fans.Emc2101Driver;
import dev.pifan.hal.linux.fans.Emc230xDriver;
import dev.pifan.hal.linux.fans.GpioDriver;
import dev.pifan.hal.linux.fans.HwmonDriver;
import dev.pifan.hal.linux.fans.PwmDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The YAML shape proposed for the config's hardware section, as the specs render it. */
class HardwareSpecTest {

    @Test
    void autoIsTheDefault() {
        assertEquals("hardware:\n"
                + "  temperature: {driver: auto}\n"
                + "  throttle: {driver: auto}\n"
                + "  fan: {driver: auto}\n", HardwareSpec.auto().toYaml());
        assertEquals(new DiscoveryHints("cpu-thermal", Optional.empty(), 0, List.of(), Optional.empty()),
                DiscoveryHints.defaults());
    }

    @Test
    void everyDriverRendersAsAFlowMapping() {
        assertEquals("{driver: auto, pwm-chip: fe20c000.pwm, pwm-channel: 1, i2c-buses: [1, 10], i2c-probe: pi4j}",
                new AutoDriver.Spec(Optional.of("fe20c000.pwm"), 1, List.of(1, 10), Optional.of(Provider.PI4J)).toYaml());
        assertEquals("{driver: hwmon, name: pwmfan, device: cooling_fan}",
                new HwmonDriver.Spec("pwmfan", Optional.of("cooling_fan"), 1).toYaml());
        assertEquals("{driver: pwm, chip: fe20c000.pwm, channel: 0, frequency-hz: 20000, polarity: inversed,"
                + " unexport-on-exit: true}", new PwmDriver.SysfsSpec("fe20c000.pwm", new SysfsPwmFan.Settings(0, 20_000,
                SysfsPwmFan.Polarity.INVERSED, true, Duration.ofSeconds(2))).toYaml());
        assertEquals("{driver: pwm, chip: fe20c000.pwm, channel: 0}",
                new PwmDriver.SysfsSpec("fe20c000.pwm", SysfsPwmFan.Settings.of(0)).toYaml(),
                "the default leaves the channel exported at exit (running at full speed)");
        assertEquals("{driver: pwm, provider: diozero, gpio: 18}",
                new PwmDriver.LibrarySpec(Provider.DIOZERO, 18, -1, -1, 25_000).toYaml());
        assertEquals("{driver: emc2101, provider: pi4j, bus: 1, address: 0x4c, tachometer: true}",
                new Emc2101Driver.Spec(Provider.PI4J, 1, 0x4c, true).toYaml());
        assertEquals("{driver: argon-one, bus: 1, address: 0x1a, protocol: legacy}",
                new ArgonOneDriver.Spec(Provider.DIOZERO, 1, 0x1a, ArgonOneFan.Protocol.LEGACY).toYaml());
        assertEquals("{driver: gpio, pin: 18, threshold-percent: 50, active-high: true}",
                new GpioDriver.Spec(Provider.DIOZERO, 18, Duty.ofPercent(50), true).toYaml());
        assertEquals("{driver: gpio, chip: 1, line: 18, threshold-percent: 50, active-high: true}",
                GpioDriver.Spec.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), true).toYaml());
        assertEquals("{driver: hwmon, name: cpu_thermal, input: 1}", new TemperatureSpec.Hwmon("cpu_thermal", 1).toYaml());
        assertEquals("{driver: vcgencmd, timeout-ms: 500}",
                new ThrottleSpec.Vcgencmd(List.of("vcgencmd", "get_throttled"), Duration.ofMillis(500)).toYaml());
        assertEquals("{driver: none}", new ThrottleSpec.None().toYaml());
    }

    @Test
    void impossibleCombinationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Emc230xDriver.Spec(Provider.SYSFS, 10, 0x2f, 1,
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new GpioDriver.Spec(Provider.DIOZERO, 18, Duty.OFF, true));
        assertEquals("{driver: gpio, chip: 1, line: 18, threshold-percent: 50, active-high: true}",
                GpioDriver.Spec.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), true).toYaml());
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSpec.ThermalZone(" "));
        assertEquals(Provider.PI4J, Provider.parse("Pi4J"));
        assertThrows(IllegalArgumentException.class, () -> Provider.parse("wiringpi"));
    }
}
