package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the curve, the hysteresis and the controller, over random curves and temperatures. */
class ControlProperties {

    @Provide
    Arbitrary<FanCurve> curves() {
        Arbitrary<Integer> count = Arbitraries.integers().between(2, 6);
        return count.flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(20, 60).ofScale(1),
                Arbitraries.doubles().between(0.5, 10).ofScale(1).list().ofSize(n - 1),
                Arbitraries.doubles().between(0, 1).ofScale(3).list().ofSize(n)).as((start, gaps, duties) -> {
                    List<Double> sorted = new ArrayList<>(duties);
                    sorted.sort(null);
                    List<FanCurve.Point> points = new ArrayList<>();
                    double celsius = start;
                    for (int i = 0; i < n; i++) {
                        points.add(new FanCurve.Point(celsius, Duty.ofRatio(sorted.get(i))));
                        if (i < n - 1) {
                            celsius += gaps.get(i);
                        }
                    }
                    return new FanCurve(points);
                }));
    }

    @Provide
    Arbitrary<List<Double>> temperatures() {
        return Arbitraries.doubles().between(0, 100).ofScale(1).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property
    void curveDutyStaysWithinItsPointsAndNeverFallsAsItWarms(@ForAll("curves") FanCurve curve,
            @ForAll @DoubleRange(min = -50, max = 150) double a, @ForAll @DoubleRange(min = -50, max = 150) double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        Duty lowDuty = curve.dutyAt(low);
        assertTrue(lowDuty.compareTo(curve.dutyAt(high)) <= 0);
        assertTrue(lowDuty.compareTo(curve.points().get(0).duty()) >= 0);
        assertTrue(curve.dutyAt(high).compareTo(curve.points().get(curve.points().size() - 1).duty()) <= 0);
    }

    @Property
    void hysteresisNeverChangesTheDutyInsideTheBand(@ForAll("curves") FanCurve curve,
            @ForAll @DoubleRange(min = 0, max = 10) double hysteresis, @ForAll("temperatures") List<Double> temps) {
        HysteresisCurve h = new HysteresisCurve(curve, hysteresis);
        Duty previous = null;
        double setAt = Double.NaN;
        for (double t : temps) {
            Duty duty = h.next(t);
            assertTrue(duty.compareTo(curve.dutyAt(t)) >= 0, "never below the rising branch");
            if (previous == null || duty.compareTo(previous) > 0) {
                assertEquals(curve.dutyAt(t), duty, "up to the rising branch at " + t);
                setAt = t; // the duty rose here, so this temperature set it
            } else if (duty.compareTo(previous) < 0) {
                assertTrue(t <= setAt - hysteresis, "came down at " + t + " inside the band of " + setAt);
                assertEquals(curve.dutyAt(t + hysteresis), duty, "down to the falling branch at " + t);
                setAt = t + hysteresis; // a duty on the falling branch was set by the curve there
            }
            previous = duty;
        }
    }

    @Property
    void controllerDutyIsInBoundsSafetyMeansFullAndHotMeansNeverOff(@ForAll("curves") FanCurve curve,
            @ForAll @DoubleRange(min = 0, max = 8) double hysteresis,
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -40, max = 140) Double> temps) {
        Duty top = curve.points().get(curve.points().size() - 1).duty();
        FanLimits limits = new FanLimits(Duty.ofPercent(20), Duty.ofPercent(35), Duration.ofSeconds(2));
        SafetyLimits safety = new SafetyLimits(80, 3, Duration.ofMinutes(10), Duration.ofSeconds(10));
        PifanController controller = new PifanController(curve, hysteresis, limits, safety);
        long second = 0;
        for (double t : temps) {
            Decision d = controller.decide(Reading.of(second++ * 1_000_000_000L, t));
            assertTrue(d.duty().ratio() >= 0 && d.duty().ratio() <= 1);
            if (d.reason().isSafety()) {
                assertEquals(Duty.FULL, d.duty());
            }
            if (t >= 80 || !SafetyLimits.isPlausible(t)) {
                assertEquals(Duty.FULL, d.duty(), "at " + t);
            }
            if (SafetyLimits.isPlausible(t) && t > curve.firstNonZeroCelsius()) {
                assertTrue(!d.duty().isOff(), "fan off at " + t + " above the curve's first non-zero point");
            }
            if (!d.duty().isOff() && !d.reason().isSafety() && top.compareTo(limits.minDuty()) >= 0) {
                assertTrue(d.duty().compareTo(limits.minDuty()) >= 0, "a running fan below min duty at " + t);
            }
        }
    }
}
