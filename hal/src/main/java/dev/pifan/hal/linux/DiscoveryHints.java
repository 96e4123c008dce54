package dev.pifan.hal.linux;

import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.AutoDriver;
import java.util.List;
import java.util.Optional;

/**
 * What the config tells discovery to prefer: a thermal zone type, a pwm chip and channel, the
 * I2C buses to look at and, optionally, a library to probe them with.
 */
public record DiscoveryHints(String zoneType, Optional<String> pwmChip, int pwmChannel, List<Integer> i2cBuses,
        Optional<Provider> i2cProbe) {

    public DiscoveryHints {
        i2cBuses = List.copyOf(i2cBuses);
    }

    public static DiscoveryHints defaults() {
        return from(HardwareSpec.auto());
    }

    /** The hints carried by the spec's {@code auto} parts; defaults for the parts that are pinned. */
    public static DiscoveryHints from(HardwareSpec spec) {
        String zoneType = spec.temperature() instanceof TemperatureSpec.Auto auto
                ? auto.zoneType() : ThermalZoneSensor.DEFAULT_TYPE;
        AutoDriver.Spec fan = spec.fan() instanceof AutoDriver.Spec auto ? auto : AutoDriver.Spec.defaults();
        return new DiscoveryHints(zoneType, fan.pwmChip(), fan.pwmChannel(), fan.i2cBuses(), fan.i2cProbe());
    }

    public DiscoveryHints withI2cProbe(Provider provider) {
        return new DiscoveryHints(zoneType, pwmChip, pwmChannel, i2cBuses, Optional.of(provider));
    }
}
