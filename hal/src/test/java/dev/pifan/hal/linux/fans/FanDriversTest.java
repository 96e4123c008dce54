package dev.pifan.hal.linux.fans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: what adding a driver relies on to be one class and one line. */
class FanDriversTest {

    @Test
    void theDriversAreListedOnceEachInTheDocsOrder() {
        assertEquals(List.of("auto", "hwmon", "pwm", "emc230x", "emc2101", "argon-one", "gpio", "none"),
                FanDrivers.ALL.stream().map(FanDriver::name).toList());
    }

    @Test
    void eachSpecTypeIsOpenedByOneDriverOnly() {
        for (FanDriver<?> driver : FanDrivers.ALL) {
            assertEquals(List.of(driver.name()), FanDrivers.ALL.stream()
                    .filter(other -> other.specType().isAssignableFrom(driver.specType())).map(FanDriver::name)
                    .toList());
        }
    }

    @Test
    void eachTakeoverRecordBelongsToOneDriver() {
        for (String key : List.of("fan-pwmchip0-pwm1", "fan-emc230x-i2c10-0x2f-fan1", "fan-emc2101-i2c1-0x4c",
                "fan-argon-one-i2c1-0x1a")) {
            assertEquals(1, FanDrivers.ALL.stream().filter(d -> d.isRecord(key)).count(), key);
        }
    }

    @Test
    void pwmKeysThatDifferByProviderAreNamedOnce() {
        assertEquals(List.of("provider", "chip", "channel", "frequency-hz", "polarity", "unexport-on-exit", "gpio"),
                FanDrivers.named("pwm").orElseThrow().keys());
    }
}
