package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pifan.hal.Duty;
import dev.pifan.hal.ThrottleFlags;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ChangeLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.pifan.control");
    private final ChangeLog log = new ChangeLog();
    private long tick;

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private void tick(double celsius, Duty duty, Reason reason, ThrottleFlags flags, Snapshot.SourceError... errors) {
        Decision decision = new Decision(duty, duty, reason, "");
        log.onTick(new Snapshot(++tick, tick, OptionalDouble.of(celsius), flags, OptionalInt.empty(), decision, true,
                List.of(errors), 0));
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsChangesNotTicks() {
        for (int i = 0; i < 100; i++) {
            tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.NONE);
        }
        tick(56, Duty.ofPercent(40.2), Reason.CURVE, ThrottleFlags.NONE); // under half a point: not a change
        tick(60, Duty.ofPercent(55), Reason.CURVE, ThrottleFlags.NONE);
        tick(60, Duty.FULL, Reason.THROTTLING, ThrottleFlags.of(0x2));
        assertEquals(List.of("fan 40% (curve), temperature 55.0 C", "fan 55% (curve), temperature 60.0 C",
                "fan 100% (throttling), temperature 60.0 C"), lines());
    }

    @Test
    void underVoltageIsLoggedWhenItStartsAndEnds() {
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.NONE);
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.parse("0x50005"));
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.parse("0x50005"));
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.parse("0x50000"));
        List<String> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("under-voltage now (throttled=0x50005)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("under-voltage over"), lines.get(2));
    }

    @Test
    void aFailingSourceIsLoggedOnceAndItsRecoveryOnce() {
        Snapshot.SourceError eio = new Snapshot.SourceError(Snapshot.Source.TEMPERATURE, "thermal_zone0", "EIO");
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.NONE);
        for (int i = 0; i < 5; i++) {
            tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.NONE, eio);
        }
        tick(55, Duty.ofPercent(40), Reason.CURVE, ThrottleFlags.NONE);
        assertEquals(List.of("fan 40% (curve), temperature 55.0 C", "temperature thermal_zone0 failing: EIO",
                "temperature recovered"), lines());
    }

    @Test
    void atDebugLevelEveryTickIsALine() {
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            tick(50, Duty.ofPercent(30), Reason.CURVE, ThrottleFlags.NONE);
            tick(50, Duty.ofPercent(30), Reason.CURVE, ThrottleFlags.NONE);
        } finally {
            logger.setLevel(before);
        }
        List<String> debug = appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.DEBUG)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("tick 1: 50.00 C, throttled 0x0, fan 30% (curve; the curve asks 30%), 0 us",
                "tick 2: 50.00 C, throttled 0x0, fan 30% (curve; the curve asks 30%), 0 us"), debug);
        tick(50, Duty.ofPercent(30), Reason.CURVE, ThrottleFlags.NONE);
        assertEquals(2, appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.DEBUG).count(),
                "at info, no tick line");
    }
}
