package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The controller under random sensor sequences: good values, failed reads, implausible values,
 * throttle flags. Whatever comes, the duty stays in bounds, faults reach full speed within the
 * documented number of ticks, and a good reading above the curve's first non-zero point never
 * turns the fan off.
 */
class FaultyReadingProperties {

    private static final long SECOND = 1_000_000_000L;
    private static final int FAILURES = 3;
    private static final FanCurve CURVE = FanCurve.of(45, 0, 50, 30, 70, 100);

    /** One tick's input. */
    enum Kind { GOOD, FAILED, IMPLAUSIBLE, THROTTLED, UNDER_VOLTAGE }

    record Event(Kind kind, double celsius) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(12, Kind.GOOD), net.jqwik.api.Tuple.of(4, Kind.FAILED),
                net.jqwik.api.Tuple.of(1, Kind.IMPLAUSIBLE), net.jqwik.api.Tuple.of(1, Kind.THROTTLED),
                net.jqwik.api.Tuple.of(1, Kind.UNDER_VOLTAGE));
        Arbitrary<Double> celsius = Arbitraries.doubles().between(20, 95).ofScale(1);
        return Combinators.combine(kinds, celsius).as(Event::new).list().ofMinSize(1).ofMaxSize(400);
    }

    private static Reading reading(long tick, Event e) {
        long nanos = tick * SECOND;
        return switch (e.kind()) {
            case GOOD -> Reading.of(nanos, e.celsius());
            case FAILED -> Reading.failed(nanos, new HalException(HalException.Kind.IO_ERROR, "EIO"));
            case IMPLAUSIBLE -> Reading.of(nanos, e.celsius() > 50 ? 1000 : -273.15);
            case THROTTLED -> Reading.of(nanos, e.celsius()).withFlags(ThrottleFlags.of(0x20006));
            case UNDER_VOLTAGE -> Reading.of(nanos, e.celsius()).withFlags(ThrottleFlags.parse("0x50005"));
        };
    }

    @Property(tries = 500)
    void faultsReachFullSpeedInTimeAndNothingElseBreaksTheRules(@ForAll("events") List<Event> events) {
        PifanController controller = new PifanController(CURVE, 4,
                new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ofSeconds(2)),
                new SafetyLimits(80, FAILURES, Duration.ofMinutes(2), Duration.ofSeconds(10)));
        int failedInARow = 0;
        Duty previous = null;
        for (int tick = 0; tick < events.size(); tick++) {
            Event e = events.get(tick);
            Decision d = controller.decide(reading(tick, e));
            double duty = d.duty().ratio();
            assertTrue(duty >= 0 && duty <= 1, "duty " + duty);
            failedInARow = e.kind() == Kind.FAILED ? failedInARow + 1 : 0;
            switch (e.kind()) {
                case FAILED -> {
                    if (failedInARow >= FAILURES) {
                        assertEquals(Duty.FULL, d.duty(), "tick " + tick + ": " + failedInARow + " failures in a row");
                    } else if (!d.reason().isSafety()) {
                        assertEquals(previous == null ? Duty.FULL : previous, d.duty(), "tick " + tick + ": holds");
                    }
                }
                case IMPLAUSIBLE -> assertEquals(Duty.FULL, d.duty(), "tick " + tick + ": implausible value");
                case THROTTLED -> assertEquals(Duty.FULL, d.duty(), "tick " + tick + ": thermal throttling");
                case GOOD, UNDER_VOLTAGE -> {
                    if (e.celsius() >= 80) {
                        assertEquals(Duty.FULL, d.duty(), "tick " + tick + ": critical");
                    }
                    if (e.celsius() > CURVE.firstNonZeroCelsius()) {
                        assertTrue(!d.duty().isOff(), "tick " + tick + ": fan off at " + e.celsius() + " C");
                    }
                }
            }
            previous = d.duty();
        }
    }
}
