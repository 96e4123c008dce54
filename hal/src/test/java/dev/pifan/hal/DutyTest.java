package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DutyTest {

    @Test
    void factoriesAgree() {
        assertEquals(Duty.ofRatio(0.4), Duty.ofPercent(40));
        assertEquals(Duty.ofPwm(255), Duty.FULL);
        assertEquals(Duty.ofPwm(0), Duty.OFF);
        assertEquals(102, Duty.ofPercent(40).toPwm());
        assertEquals(40.0, Duty.ofRatio(0.4).percent(), 1e-12);
    }

    @Property
    void everyPwmValueSurvivesTheRoundTrip(@ForAll @IntRange(min = 0, max = 255) int pwm) {
        assertEquals(pwm, Duty.ofPwm(pwm).toPwm());
    }

    @Test
    void outOfRangeIsRefusedNotClamped() {
        assertThrows(IllegalArgumentException.class, () -> Duty.ofRatio(1.0001));
        assertThrows(IllegalArgumentException.class, () -> Duty.ofRatio(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Duty.ofRatio(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Duty.ofPercent(101));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duty.ofPwm(256));
        assertTrue(e.getMessage().contains("256 outside 0..255"), e.getMessage());
    }

    @Test
    void clampedIsForArithmeticThatMayOvershoot() {
        assertEquals(Duty.FULL, Duty.clamped(1.0000000000000002));
        assertEquals(Duty.OFF, Duty.clamped(-1e-17));
        assertThrows(IllegalArgumentException.class, () -> Duty.clamped(Double.NaN));
    }

    @Test
    void printsAsAPersonWritesIt() {
        assertEquals("40%", Duty.ofPercent(40).toString());
        assertEquals("37.5%", Duty.ofPercent(37.5).toString());
        assertEquals("29.4%", Duty.ofPwm(75).toString());
    }

    @Test
    void ordersByRatio() {
        assertTrue(Duty.ofPercent(30).compareTo(Duty.ofPercent(31)) < 0);
        assertEquals(Duty.ofPercent(31), Duty.ofPercent(30).max(Duty.ofPercent(31)));
        assertTrue(Duty.OFF.isOff() && Duty.FULL.isFull());
    }
}
