package dev.pifan.hal.linux.fans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.NoFan;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** driver: none, a tray member's: takes the duty, drives nothing, has nothing a fan rule could judge. */
class NoneDriverTest {

    @Test
    void takesEveryDutyAndReportsNoSpeed() throws Exception {
        Fan fan = FanDrivers.open(new NoneDriver.Spec(), null);
        assertEquals("none", fan.id());
        assertFalse(fan.hasTachometer(), "a tachometer would let the stall rule fire");
        fan.apply(Duty.ofPercent(35));
        assertEquals(Optional.of(Duty.ofPercent(35)), ((NoFan) fan).lastApplied());
        assertEquals(OptionalInt.empty(), fan.readRpm());
        assertEquals(Optional.empty(), fan.driven(), "it takes the duty as written");
        assertFalse(fan.handBack(), "nobody else drives it");
        assertEquals("{driver: none}", new NoneDriver.Spec().toYaml());
    }
}
