package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private static Snapshot at(long tick, long seconds) {
        return new Snapshot(tick, Duration.ofSeconds(seconds).toNanos(), OptionalDouble.of(52.25), ThrottleFlags.NONE,
                OptionalInt.of(2100), Decision.curve(Duty.ofPercent(30)), true, List.of(), 0);
    }

    @Test
    void oneLinePerPeriodOfTheLoopsTimeNotPerTick() {
        List<String> lines = new ArrayList<>();
        Heartbeat beat = new Heartbeat(Duration.ofSeconds(60), lines::add);
        for (long t = 0; t <= 150; t++) {
            beat.onTick(at(t + 1, t));
        }
        assertEquals(List.of("running: tick 61, temperature 52.3 C, fan 30% (curve), 2100 rpm",
                "running: tick 121, temperature 52.3 C, fan 30% (curve), 2100 rpm"), lines);
    }
}
