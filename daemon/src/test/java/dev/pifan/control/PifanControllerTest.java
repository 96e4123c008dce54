package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PifanControllerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final FanCurve CURVE = FanCurve.of(45, 0, 50, 30, 70, 100);
    private static final FanLimits LIMITS = new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ofSeconds(2));
    private static final SafetyLimits SAFETY =
            new SafetyLimits(80, 3, Duration.ofMinutes(10), Duration.ofSeconds(10));

    private final PifanController controller = new PifanController(CURVE, 4, LIMITS, SAFETY);

    private Decision at(long second, double celsius) {
        return controller.decide(Reading.of(second * SECOND, celsius));
    }

    private Decision failedAt(long second) {
        return controller.decide(Reading.failed(second * SECOND,
                new HalException(HalException.Kind.IO_ERROR, "thermal_zone0/temp: EIO")));
    }

    @Test
    void followsTheCurveWhenAllIsWell() {
        Decision d = at(0, 60);
        assertEquals(0.65, d.duty().ratio(), 1e-12);
        assertEquals(Reason.CURVE, d.reason());
    }

    @Test
    void kicksAStoppedFanAtStartDutyAndHoldsItLikeACurveDuty() {
        assertEquals(Duty.OFF, at(0, 40).duty());
        Decision first = at(1, 46); // curve asks 6%
        assertEquals(Duty.ofPercent(40), first.duty());
        assertEquals(Reason.KICK, first.reason());
        assertEquals(0.06, first.curveDuty().ratio(), 1e-12);
        assertEquals(Duty.ofPercent(40), at(2, 46).duty());
        Decision afterKick = at(3, 46);
        assertEquals(Duty.ofPercent(40), afterKick.duty(),
                "after the kick the start duty holds: it comes down with the curve's hysteresis, not at once");
        assertEquals(Reason.CURVE, afterKick.reason());
        assertEquals(Duty.ofPercent(40), at(10, 43).duty(), "46 - 4 = 42 not reached yet");
        assertEquals(Duty.ofPercent(25), at(11, 42).duty(), "42: down to the falling branch, raised to min duty");
    }

    @Test
    void aKickNeverLowersAHigherCurveDuty() {
        at(0, 40);
        assertEquals(0.65, at(1, 60).duty().ratio(), 1e-12);
    }

    @Test
    void raisesLowDutiesToMinDutyButLetsZeroBeZero() {
        at(0, 47); // kick, held at 40% until 43
        assertEquals(Duty.ofPercent(25), at(6, 43).duty(), "the falling branch's 19% is raised to min duty");
        assertEquals(Duty.OFF, at(7, 40).duty(), "7 degrees down: the curve says 0, and 0 is allowed");
    }

    @Test
    void withAnOffHysteresisARunningFanKeepsMinDutyUntilItIsCoolEnough() {
        PifanController c = new PifanController(CURVE, 4,
                new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ofSeconds(2), 35), SAFETY);
        c.decide(Reading.of(0, 47)); // kicked, then held at start duty until 43
        assertEquals(Duty.ofPercent(25), c.decide(Reading.of(5 * SECOND, 40)).duty(), "curve 0, but 40 >= 35: min duty");
        assertEquals(Duty.ofPercent(25), c.decide(Reading.of(6 * SECOND, 35)).duty());
        assertEquals(Duty.OFF, c.decide(Reading.of(7 * SECOND, 34.5)).duty(), "below 35: off");
        assertEquals(Duty.OFF, c.decide(Reading.of(8 * SECOND, 40)).duty(), "a stopped fan starts with the curve only");
    }

    @Test
    void noKickWhenKickTimeIsZero() {
        PifanController noKick = new PifanController(CURVE, 4,
                new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ZERO), SAFETY);
        Decision d = noKick.decide(Reading.of(0, 46));
        assertEquals(Duty.ofPercent(25), d.duty());
        assertEquals(Reason.CURVE, d.reason());
    }

    @Test
    void fullSpeedAtOrAboveCritical() {
        Decision d = at(0, 80);
        assertEquals(Duty.FULL, d.duty());
        assertEquals(Reason.CRITICAL, d.reason());
        assertTrue(d.detail().contains("80.0 C"), d.detail());
    }

    @Test
    void afterCriticalTheCurveComesDownWithHysteresis() {
        PifanController hot = new PifanController(FanCurve.of(45, 0, 90, 100), 4, LIMITS, SAFETY);
        assertEquals(Reason.CRITICAL, hot.decide(Reading.of(0, 81)).reason());
        Decision justBelow = hot.decide(Reading.of(SECOND, 79));
        assertEquals(Duty.FULL, justBelow.duty(), "79 is inside the 4 C band below 81");
        assertEquals(Reason.CURVE, justBelow.reason());
        assertTrue(hot.decide(Reading.of(2 * SECOND, 77)).duty().ratio() < 1.0);
    }

    @Test
    void implausibleValueMeansFullSpeedAtOnce() {
        at(0, 50);
        for (double bad : new double[] {-273, -20.5, 125.5, 1000, Double.NaN}) {
            Decision d = at(1, bad);
            assertEquals(Duty.FULL, d.duty(), "for " + bad);
            assertEquals(Reason.SENSOR_FAILURE, d.reason(), "for " + bad);
        }
    }

    @Test
    void failedReadsHoldTheDutyThenGoFullAfterTheConfiguredCount() {
        at(0, 60);
        Decision first = failedAt(1);
        assertEquals(Reason.HOLD, first.reason());
        assertEquals(0.65, first.duty().ratio(), 1e-12);
        assertTrue(first.detail().contains("1 of 3"), first.detail());
        assertEquals(Reason.HOLD, failedAt(2).reason());
        Decision third = failedAt(3);
        assertEquals(Reason.SENSOR_FAILURE, third.reason());
        assertEquals(Duty.FULL, third.duty());
        assertTrue(third.detail().contains("EIO"), third.detail());
    }

    @Test
    void aGoodReadResetsTheFailureCount() {
        at(0, 60);
        failedAt(1);
        failedAt(2);
        at(3, 60);
        assertEquals(Reason.HOLD, failedAt(4).reason());
    }

    @Test
    void aSensorFailingEveryOtherReadGoesFullOnceHalfOfTheWindowFailed() {
        // window = 4 x sensor-failures = 12 reads; never 3 in a row, but 6 of 12 failed
        Decision d = null;
        int tick = 0;
        for (; tick < 11; tick++) {
            d = tick % 2 == 0 ? at(tick, 60) : failedAt(tick);
            assertTrue(!d.reason().isSafety(), "tick " + tick + ": " + d.reason());
        }
        d = failedAt(tick);
        assertEquals(Reason.SENSOR_FAILURE, d.reason());
        assertTrue(d.detail().contains("unreadable in 6 of the last 12 reads"), d.detail());
    }

    @Test
    void aFailureBeforeAnyGoodReadingMeansFullSpeed() {
        Decision d = failedAt(0);
        assertEquals(Duty.FULL, d.duty());
        assertEquals(Reason.HOLD, d.reason());
    }

    @Test
    void thermalThrottlingMeansFullSpeed() {
        for (int word : new int[] {0x2, 0x4, 0x8, 0x20006}) {
            PifanController c = new PifanController(CURVE, 4, LIMITS, SAFETY);
            Decision d = c.decide(Reading.of(0, 55).withFlags(ThrottleFlags.of(word)));
            assertEquals(Reason.THROTTLING, d.reason(), "for 0x" + Integer.toHexString(word));
            assertEquals(Duty.FULL, d.duty());
        }
    }

    @Test
    void underVoltageIsNotAnsweredWithMoreFan() {
        Decision d = at(0, 55);
        Decision brownout = controller.decide(Reading.of(SECOND, 55).withFlags(ThrottleFlags.parse("0x50005")));
        assertEquals(Reason.CURVE, brownout.reason());
        assertEquals(d.duty(), brownout.duty());
    }

    @Test
    void pastThrottlingAloneIsNotThrottlingNow() {
        Decision d = controller.decide(Reading.of(0, 55).withFlags(ThrottleFlags.of(0xE0000)));
        assertEquals(Reason.CURVE, d.reason());
    }

    @Test
    void unknownFlagsAreNotThrottling() {
        Decision d = controller.decide(Reading.of(0, 55).withFlags(ThrottleFlags.UNKNOWN));
        assertEquals(Reason.CURVE, d.reason());
    }

    @Test
    void throttleFlagsUnreadableTooOftenMeansFullSpeed() {
        HalException timeout = new HalException(HalException.Kind.TIMEOUT, "vcgencmd get_throttled timed out");
        Decision d = null;
        for (int s = 0; s < 3; s++) {
            d = controller.decide(new Reading(s * SECOND, OptionalDouble.of(60), Optional.empty(),
                    ThrottleFlags.UNKNOWN, Optional.of(timeout), OptionalInt.empty(), Optional.empty(), false));
            if (s < 2) {
                assertEquals(Reason.CURVE, d.reason(), "the temperature still drives the curve");
            }
        }
        assertEquals(Reason.SENSOR_FAILURE, d.reason());
        assertTrue(d.detail().contains("throttle flags unreadable 3 times"), d.detail());
    }

    @Test
    void aStalledFanGoesFullAfterTheStallTime() {
        assertEquals(0.65, at(0, 60).duty().ratio(), 1e-12);
        Decision d = null;
        for (int s = 1; s <= 11; s++) {
            d = controller.decide(Reading.of(s * SECOND, 60).withRpm(0));
            if (s < 11) {
                assertEquals(Reason.CURVE, d.reason(), "second " + s);
            }
        }
        assertEquals(Reason.FAN_STALL, d.reason());
        assertEquals(Duty.FULL, d.duty());
        Decision spinning = controller.decide(Reading.of(12 * SECOND, 60).withRpm(3000));
        assertEquals(Reason.CURVE, spinning.reason(), "a fan that turns again is not stalled");
    }

    @Test
    void aFewStrayTachPulsesStillCountAsAStall() {
        at(0, 60);
        Decision d = null;
        for (int s = 1; s <= 11; s++) {
            d = controller.decide(Reading.of(s * SECOND, 60).withRpm(60));
        }
        assertEquals(Reason.FAN_STALL, d.reason());
        assertTrue(d.detail().contains("below 100 rpm"), d.detail());
    }

    @Test
    void aStuckSensorAtStartIsNotCalledStuckForTheFirstDecision() {
        PifanController c = new PifanController(CURVE, 4, LIMITS,
                new SafetyLimits(80, 3, Duration.ofSeconds(60), Duration.ZERO));
        for (int s = 0; s < 600; s++) {
            assertTrue(c.decide(Reading.of(s * SECOND, 66)).reason() != Reason.SENSOR_FAILURE, "second " + s);
        }
    }

    @Test
    void zeroRpmAtLowDutyIsNotAStall() {
        // without a kick there is no start duty to hold: the fan runs at min duty, below start duty
        PifanController noKick = new PifanController(CURVE, 4,
                new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ZERO), SAFETY);
        noKick.decide(Reading.of(0, 46));
        for (int s = 1; s <= 30; s++) {
            Decision d = noKick.decide(Reading.of(s * SECOND, 46).withRpm(0));
            assertEquals(Duty.ofPercent(25), d.duty());
            assertTrue(d.reason() != Reason.FAN_STALL);
        }
    }

    @Test
    void aStuckSensorIsCaughtWhenTheDutySwings() {
        PifanController c = new PifanController(CURVE, 4, LIMITS,
                new SafetyLimits(80, 3, Duration.ofSeconds(60), Duration.ZERO),
                new ControlTuning(Duration.ofSeconds(20), Optional.empty()));
        assertEquals(Duty.FULL, c.decide(Reading.of(0, 70)).duty());
        Decision d = null;
        for (int s = 1; s <= 61; s++) {
            // stuck at 50: after the down-delay the fan comes down from 100% to 44%, the value never moves
            d = c.decide(Reading.of(s * SECOND, 50));
        }
        assertEquals(Reason.SENSOR_FAILURE, d.reason());
        assertTrue(d.detail().contains("stuck at 50.0"), d.detail());
        assertEquals(Reason.CURVE, c.decide(Reading.of(62 * SECOND, 50.5)).reason(), "a moving value clears it");
    }

    @Test
    void aSteadyValueWithASteadyFanIsNotStuck() {
        PifanController c = new PifanController(CURVE, 4, LIMITS,
                new SafetyLimits(80, 3, Duration.ofSeconds(60), Duration.ZERO));
        for (int s = 0; s < 600; s++) {
            assertTrue(c.decide(Reading.of(s * SECOND, 55)).reason() != Reason.SENSOR_FAILURE);
        }
    }

    @Test
    void aFailedFanWriteMeansFullSpeedNextTick() {
        at(0, 55);
        Decision d = controller.decide(new Reading(SECOND, OptionalDouble.of(55), Optional.empty(),
                ThrottleFlags.NONE, Optional.empty(), OptionalInt.empty(), Optional.empty(), true));
        assertEquals(Reason.FAN_FAILURE, d.reason());
        assertEquals(Duty.FULL, d.duty());
    }

    @Test
    void sensorFailureOutranksTheOtherReasons() {
        Decision d = controller.decide(Reading.of(0, 1000).withFlags(ThrottleFlags.of(0x4)));
        assertEquals(Reason.SENSOR_FAILURE, d.reason());
    }
}
