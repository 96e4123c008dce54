package dev.pifan.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The hand-written log line says what logback's pattern said, character for character. */
class PifanLayoutTest {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata",
            "Pacific/Kiritimati", "America/Los_Angeles", "Australia/Lord_Howe");
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-11-22T05:43:56.184Z"),
            Instant.parse("2024-02-29T23:59:59.999Z"), // leap day, and the next day in zones east of UTC
            Instant.parse("2026-03-29T01:00:00.000Z"), // Berlin's change to summer time
            Instant.parse("2026-10-25T00:59:59.001Z"),
            Instant.parse("2000-01-01T00:00:00.000Z"),
            Instant.parse("2100-03-01T12:00:00.007Z"), // no leap day in 2100
            Instant.parse("1970-01-01T00:00:00.000Z"),
            Instant.parse("1969-12-31T23:59:59.500Z")); // before the epoch: floor, not truncate

    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Instant at) {
        Logger log = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, level, message, thrown, null);
        event.setTimeStamp(at.toEpochMilli());
        return event;
    }

    private String logbackPattern(LoggingEvent event, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void timeStampIsThePatternsInEveryZone() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        for (String zone : ZONES) {
            for (Instant at : INSTANTS) {
                StringBuilder line = new StringBuilder();
                PifanLayout.appendTime(line, at.toEpochMilli(), TimeZone.getTimeZone(zone));
                assertEquals(format.format(at.atZone(ZoneId.of(zone))), line.toString(), zone + " " + at);
            }
        }
    }

    @Test
    void lineIsLogbacksPatternWithAndWithoutTheTime() {
        TimeZone zone = TimeZone.getTimeZone("Europe/Berlin");
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(zone); // the pattern's %d formats in the default zone
        try {
            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
                for (String logger : List.of("dev.pifan.cli.RunCommand", "control", Logger.ROOT_LOGGER_NAME)) {
                    LoggingEvent event = event(logger, level, "fan 40% (curve), temperature 55.0 C", null,
                            INSTANTS.get(0));
                    assertEquals(logbackPattern(event, PATTERN), layout(zone).doLayout(event));
                    assertEquals(logbackPattern(event, "%-5level %logger{0}: %msg%n"), layout(null).doLayout(event));
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void exceptionFollowsTheLineAsLogbackWritesIt() {
        IllegalStateException thrown = new IllegalStateException("listener broke",
                new java.io.IOException("disk gone"));
        LoggingEvent event = event("dev.pifan.control.ControlLoop", Level.ERROR, "tick listener failed", thrown,
                INSTANTS.get(0));
        String line = layout(null).doLayout(event);
        assertEquals(logbackPattern(event, "%-5level %logger{0}: %msg%n"), line);
        assertTrue(line.startsWith("ERROR ControlLoop: tick listener failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: listener broke" + System.lineSeparator() + "\tat "), line);
        assertTrue(line.contains("Caused by: java.io.IOException: disk gone"), line);
    }

    @Test
    void messageArgumentsAreFormatted() {
        Logger log = context.getLogger("dev.pifan.cli.Daemon");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, Level.INFO, "fan {} left at {}", null,
                new Object[] {"sim-fan", "full speed"});
        assertEquals("INFO  Daemon: fan sim-fan left at full speed" + System.lineSeparator(),
                layout(null).doLayout(event));
    }

    @Test
    void forTheJournalEveryLineStartsWithTheLevelsSdDaemonPriorityAndNoTime() {
        PifanLayout journal = PifanLayout.journal();
        journal.setContext(context);
        journal.start();
        for (Object[] c : new Object[][] {
                {Level.ERROR, "<3>"}, {Level.WARN, "<4>"}, {Level.INFO, "<6>"}, {Level.DEBUG, "<7>"},
                {Level.TRACE, "<7>"}}) {
            LoggingEvent event = event("dev.pifan.control.ControlLoop", (Level) c[0], "fan 100% (critical)", null,
                    INSTANTS.get(0));
            assertEquals(c[1] + logbackPattern(event, "%-5level %logger{0}: %msg%n"), journal.doLayout(event));
        }
    }

    @Test
    void forTheJournalAStackTraceKeepsItsErrorsPriorityOnEveryLine() {
        PifanLayout journal = PifanLayout.journal();
        journal.setContext(context);
        journal.start();
        LoggingEvent event = event("dev.pifan.control.ControlLoop", Level.ERROR, "tick listener failed",
                new IllegalStateException("listener broke", new java.io.IOException("disk gone")), INSTANTS.get(0));
        String text = journal.doLayout(event);
        String plain = layout(null).doLayout(event);
        assertTrue(text.endsWith(System.lineSeparator()), text);
        List<String> lines = text.lines().toList();
        assertEquals(plain.lines().count(), lines.size(), text);
        assertTrue(lines.size() > 3, text);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("<3>" + plain.lines().toList().get(i), lines.get(i));
        }
    }

    @Test
    void plainLinesHaveNoPrefix() {
        LoggingEvent event = event("x", Level.WARN, "m", null, INSTANTS.get(0));
        assertTrue(layout(null).doLayout(event).startsWith("WARN  x: m"));
    }

    private PifanLayout layout(TimeZone zone) {
        PifanLayout layout = new PifanLayout(zone);
        layout.setContext(context);
        layout.start();
        return layout;
    }
}
