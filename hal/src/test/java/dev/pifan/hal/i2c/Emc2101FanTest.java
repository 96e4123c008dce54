package dev.pifan.hal.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.util.List;
import org.junit.jupiter.api.Test;

class Emc2101FanTest {

    private final RegisterMapBus bus = new RegisterMapBus(1);

    private RegisterMapBus.Chip emc2101() {
        // power-on defaults: look-up table on, PWM_F 0x17, ALERT pin as ALERT
        return bus.chip(0x4c).set(0xFD, 0x16).set(0xFE, 0x5D).set(0x4A, 0x00).set(0x4D, 0x17).set(0x03, 0x00);
    }

    @Test
    void disablesTheLookUpTableScalesToPwmFAndHandsBack() throws HalException {
        emc2101();
        Emc2101Fan fan = Emc2101Fan.open(bus, 0x4c, false, StallDetector.disabled());
        assertEquals(46, fan.steps(), "2 * PWM_F (0x17)");
        fan.apply(Duty.FULL);
        fan.apply(Duty.ofPercent(50));
        assertFalse(fan.hasTachometer());
        assertTrue(fan.readRpm().isEmpty());
        assertTrue(fan.handBack());
        assertEquals(List.of(new Write(0x4c, 0x4A, 0x20), new Write(0x4c, 0x4C, 46), new Write(0x4c, 0x4C, 23),
                new Write(0x4c, 0x4A, 0x00)), bus.writes());
    }

    @Test
    void drivenIsTheChipsStepNotTheDuty() throws HalException {
        emc2101();
        Emc2101Fan fan = Emc2101Fan.open(bus, 0x4c, false, StallDetector.disabled());
        fan.apply(Duty.ofPercent(30)); // 0.30 * 46 = 13.8: step 14
        assertEquals(Duty.ofRatio(14 / 46.0), fan.driven().orElseThrow());
    }

    @Test
    void withATachWireSwitchesThePinAndReadsRpm() throws HalException {
        emc2101().set(0x47, 0x07).set(0x46, 0x08); // count 0x0708 = 1800
        Emc2101Fan fan = Emc2101Fan.open(bus, 0x4c, true, StallDetector.disabled());
        assertEquals(new Write(0x4c, 0x03, 0x04), bus.writes().get(1));
        assertEquals(5_400_000 / 1800, fan.readRpm().getAsInt());
        bus.chip(0x4c).set(0x47, 0xFF).set(0x46, 0xFF);
        assertEquals(0, fan.readRpm().getAsInt());
        bus.chip(0x4c).set(0x47, 0xFF).set(0x46, 0x40);
        assertEquals(0, fan.readRpm().getAsInt(), "0xff40 and up: stopped, not 82 rpm");
        bus.chip(0x4c).set(0x47, 0xFF).set(0x46, 0x3F);
        assertEquals(5_400_000 / 0xFF3F, fan.readRpm().getAsInt(), "just below: a (very slow) speed");
    }

    @Test
    void refusesAnotherChip() {
        RegisterMapBus.emc2301(bus.chip(0x4c));
        HalException e = assertThrows(HalException.class, () -> Emc2101Fan.open(bus, 0x4c, false,
                StallDetector.disabled()));
        assertEquals(Kind.WRONG_DEVICE, e.kind());
        assertTrue(e.getMessage().startsWith("EMC2101 expected at 0x4c on i2c-1: product id 0x37, vendor 0x5d"),
                e.getMessage());
        assertEquals(List.of(), bus.writes());
    }
}
