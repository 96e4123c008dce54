package dev.pifan.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pifan.control.Decision;
import dev.pifan.control.FanCurve;
import dev.pifan.control.FanLimits;
import dev.pifan.control.PifanController;
import dev.pifan.control.Reading;
import dev.pifan.control.Reason;
import dev.pifan.control.SafetyLimits;
import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrayControllerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final FanLimits LIMITS = new FanLimits(Duty.ofPercent(25), Duty.ofPercent(40), Duration.ofSeconds(2));
    private final Tray tray = new Tray(List.of("b1"), Duration.ofSeconds(30));
    private final TrayController controller = new TrayController(new PifanController(FanCurve.of(45, 0, 50, 30, 70, 100), 4,
            LIMITS, new SafetyLimits(80, 3, Duration.ofMinutes(10), Duration.ofSeconds(10))), tray, LIMITS);

    private Decision memberAsks(long tick, double percent) {
        tray.heard("b1", new PeerReport("x", tick, Duty.ofPercent(percent), Reason.CURVE, OptionalDouble.of(50), ""),
                tick * SECOND);
        return controller.decide(Reading.of(tick * SECOND, 40).withRpm(3000));
    }

    @Test
    void aMembersRequestIsHeldToThisNodesFanLimits() {
        Decision start = memberAsks(1, 10);
        assertEquals(Duty.ofPercent(40), start.duty(), "a stopped fan is started at its start duty: " + start.detail());
        Decision running = memberAsks(2, 10);
        assertEquals(Duty.ofPercent(25), running.duty(), "a running fan at least at its minimum: " + running.detail());
        assertEquals(Duty.ofPercent(33), memberAsks(3, 33).duty(), "above the limits, the request itself");
    }

    @Test
    void aStallIsJudgedAtTheDutyTheTrayRunsTheFanAt() {
        // this node is cool (its own curve: off); a member asks for 60%, and the fan does not turn
        Decision d = null;
        for (int s = 0; s <= 11; s++) {
            tray.heard("b1", new PeerReport("x", s + 1, Duty.ofPercent(60), Reason.CURVE, OptionalDouble.of(62), ""),
                    s * SECOND);
            d = controller.decide(Reading.of(s * SECOND, 40).withRpm(0));
            if (s == 0) {
                assertEquals(Reason.PEER, d.reason());
                assertEquals(Duty.ofPercent(60), d.duty());
            }
        }
        assertEquals(Reason.FAN_STALL, d.reason(), d.detail());
    }
}
