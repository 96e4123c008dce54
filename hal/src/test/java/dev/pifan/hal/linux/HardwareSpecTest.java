package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import dev.pifan.hal.i2c.ArgonOneFan;
import dev.pifan.hal.io.Provider;
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
                new FanSpec.Auto(Optional.of("fe20c000.pwm"), 1, List.of(1, 10), Optional.of(Provider.PI4J)).toYaml());
        assertEquals("{driver: hwmon, name: pwmfan, device: cooling_fan}",
                new FanSpec.Hwmon("pwmfan", Optional.of("cooling_fan"), 1).toYaml());
        assertEquals("{driver: pwm, chip: fe20c000.pwm, channel: 0, frequency-hz: 20000, polarity: inversed,"
                + " unexport-on-exit: true}", new FanSpec.SysfsPwm("fe20c000.pwm", new SysfsPwmFan.Settings(0, 20_000,
                SysfsPwmFan.Polarity.INVERSED, true, Duration.ofSeconds(2))).toYaml());
        assertEquals("{driver: pwm, chip: fe20c000.pwm, channel: 0}",
                new FanSpec.SysfsPwm("fe20c000.pwm", SysfsPwmFan.Settings.of(0)).toYaml(),
                "the default leaves the channel exported at exit (running at full speed)");
        assertEquals("{driver: pwm, provider: diozero, gpio: 18}",
                new FanSpec.LibraryPwm(Provider.DIOZERO, 18, -1, -1, 25_000).toYaml());
        assertEquals("{driver: emc2101, provider: pi4j, bus: 1, address: 0x4c, tachometer: true}",
                new FanSpec.Emc2101(Provider.PI4J, 1, 0x4c, true).toYaml());
        assertEquals("{driver: argon-one, bus: 1, address: 0x1a, protocol: legacy}",
                new FanSpec.ArgonOne(Provider.DIOZERO, 1, 0x1a, ArgonOneFan.Protocol.LEGACY).toYaml());
        assertEquals("{driver: gpio, pin: 18, threshold-percent: 50, active-high: true}",
                new FanSpec.Gpio(Provider.DIOZERO, 18, Duty.ofPercent(50), true).toYaml());
        assertEquals("{driver: gpio, chip: 1, line: 18, threshold-percent: 50, active-high: true}",
                FanSpec.Gpio.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), true).toYaml());
        assertEquals("{driver: hwmon, name: cpu_thermal, input: 1}", new TemperatureSpec.Hwmon("cpu_thermal", 1).toYaml());
        assertEquals("{driver: vcgencmd, timeout-ms: 500}",
                new ThrottleSpec.Vcgencmd(List.of("vcgencmd", "get_throttled"), Duration.ofMillis(500)).toYaml());
        assertEquals("{driver: none}", new ThrottleSpec.None().toYaml());
    }

    @Test
    void impossibleCombinationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FanSpec.Emc230x(Provider.SYSFS, 10, 0x2f, 1,
                Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new FanSpec.Gpio(Provider.DIOZERO, 18, Duty.OFF, true));
        // a line is named one way: a BCM pin, or a chip and its line offset
        Duty half = Duty.ofPercent(50);
        assertThrows(IllegalArgumentException.class, () -> new FanSpec.Gpio(Provider.DIOZERO, 18, 1, 18, half, true));
        assertThrows(IllegalArgumentException.class, () -> new FanSpec.Gpio(Provider.DIOZERO, -1, -1, -1, half, true));
        assertThrows(IllegalArgumentException.class, () -> new FanSpec.Gpio(Provider.DIOZERO, -1, 1, -1, half, true));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSpec.ThermalZone(" "));
        assertEquals(Provider.PI4J, Provider.parse("Pi4J"));
        assertThrows(IllegalArgumentException.class, () -> Provider.parse("wiringpi"));
    }
}
