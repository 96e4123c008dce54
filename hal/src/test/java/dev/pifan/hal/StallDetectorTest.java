package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallDetectorTest {

    private final FakeClock clock = new FakeClock();
    private final StallDetector stall = StallDetector.of(clock, Duty.ofPercent(50), Duration.ofSeconds(5));

    @Test
    void zeroRpmCountsOnlyAfterTheGraceAtHighDuty() {
        stall.applied(Duty.ofPercent(80));
        clock.advance(Duration.ofSeconds(5));
        assertDoesNotThrow(() -> stall.check("fan", 0));
        clock.advance(Duration.ofMillis(1));
        assertThrows(HalException.class, () -> stall.check("fan", 0));
        assertDoesNotThrow(() -> stall.check("fan", 1200));
    }

    @Test
    void theGraceRestartsWhenTheDutyComesBackUp() {
        stall.applied(Duty.FULL);
        clock.advance(Duration.ofSeconds(10));
        stall.applied(Duty.ofPercent(20));
        assertDoesNotThrow(() -> stall.check("fan", 0), "low duty: a fan may stop");
        stall.applied(Duty.FULL);
        clock.advance(Duration.ofSeconds(2));
        assertDoesNotThrow(() -> stall.check("fan", 0), "spinning up again");
        stall.applied(Duty.ofPercent(90)); // still high: the grace keeps running
        clock.advance(Duration.ofSeconds(4));
        assertThrows(HalException.class, () -> stall.check("fan", 0));
    }

    @Test
    void disabledNeverComplains() {
        StallDetector off = StallDetector.disabled();
        off.applied(Duty.FULL);
        assertDoesNotThrow(() -> off.check("fan", 0));
    }
}
