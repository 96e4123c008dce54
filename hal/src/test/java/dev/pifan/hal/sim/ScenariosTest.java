package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void namesInTheSpecOrder() {
        assertEquals(List.of("idle-25", "sustained-25", "august-30", "rack-33", "bursty-ci", "brownout", "fan-stall"),
                Scenarios.names());
        for (String name : Scenarios.names()) {
            assertEquals(name, Scenarios.named(name).name());
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Scenarios.named("hot"));
        assertEquals("unknown scenario 'hot': expected one of idle-25, sustained-25, august-30, rack-33, bursty-ci,"
                + " brownout, fan-stall", error.getMessage());
    }

    @Test
    void idle() {
        Scenario idle = Scenarios.named("idle-25");
        assertEquals(3600, idle.durationS());
        assertEquals(new SecondInputs(0.05, 25, false, false), idle.inputsAt(0));
        assertEquals(new SecondInputs(0.05, 25, false, false), idle.inputsAt(3599));
        assertNoFaults(idle);
    }

    @Test
    void sustainedFamily() {
        assertSustained(Scenarios.named("sustained-25"), 25);
        assertSustained(Scenarios.named("august-30"), 30);
        assertSustained(Scenarios.named("rack-33"), 33);
        assertNoFaults(Scenarios.named("sustained-25"));
        assertNoFaults(Scenarios.named("rack-33"));
    }

    @Test
    void brownout() {
        Scenario brownout = Scenarios.named("brownout");
        assertSustained(brownout, 25);
        assertFalse(brownout.isUnderVoltage(599));
        assertTrue(brownout.isUnderVoltage(600));
        assertTrue(brownout.isUnderVoltage(899));
        assertFalse(brownout.isUnderVoltage(900));
        assertFalse(brownout.isUnderVoltage(2399));
        assertTrue(brownout.isUnderVoltage(2400));
        assertTrue(brownout.isUnderVoltage(2459));
        assertFalse(brownout.isUnderVoltage(2460));
        assertEquals(new SecondInputs(1.0, 25, true, false), brownout.inputsAt(700));
        assertTrue(brownout.fanStallAtS().isEmpty());
    }

    @Test
    void fanStall() {
        Scenario stall = Scenarios.named("fan-stall");
        assertSustained(stall, 25);
        assertFalse(stall.isFanStalled(1799));
        assertTrue(stall.isFanStalled(1800));
        assertTrue(stall.isFanStalled(3599));
        assertEquals(new SecondInputs(1.0, 25, false, true), stall.inputsAt(1800));
        assertTrue(stall.underVoltage().isEmpty());
    }

    @Test
    void burstyCiAlternatesWithinTheBoundsAndCoversTwoHours() {
        Scenario bursty = Scenarios.named("bursty-ci");
        assertEquals(7200, bursty.durationS());
        assertNoFaults(bursty);
        List<LoadTrace.Row> rows = bursty.trace().rows();
        assertEquals(0, rows.get(0).timeS());
        for (int i = 0; i < rows.size(); i++) {
            LoadTrace.Row row = rows.get(i);
            assertEquals(i % 2 == 0 ? 0.05 : 1.0, row.load(), "idle first, then alternating");
            assertEquals(25.0, row.ambientC());
            assertTrue(row.timeS() < 7200, "a segment that starts after the end is useless");
            if (i + 1 < rows.size()) {
                long length = rows.get(i + 1).timeS() - row.timeS();
                if (i % 2 == 0) {
                    assertTrue(length >= 60 && length <= 600, "idle of " + length + " s");
                } else {
                    assertTrue(length >= 60 && length <= 300, "burst of " + length + " s");
                }
            }
        }
        // the last segment reaches 7200 s: its start is within one maximal segment of the end
        assertTrue(rows.get(rows.size() - 1).timeS() > 7200 - 600);
        assertTrue(rows.size() > 10);
    }

    @Test
    void burstyCiIsTheDocumentedGenerator() {
        // java.util.Random's sequence is fixed by the JDK's specification, so these rows are the
        // same on every JVM; pinned so a refactoring cannot change the benchmark
        java.util.Random random = new java.util.Random(42);
        long t = 0;
        boolean idle = true;
        List<LoadTrace.Row> rows = Scenarios.named("bursty-ci").trace().rows();
        for (LoadTrace.Row row : rows) {
            assertEquals(t, row.timeS());
            t += idle ? 60 + random.nextInt(541) : 60 + random.nextInt(241);
            idle = !idle;
        }
        assertTrue(t >= 7200);
        assertEquals(rows, Scenarios.burstyCiTrace().rows(), "deterministic");
        // computed outside Java from the LCG as the Random Javadoc specifies it
        assertEquals(List.of(0L, 468L, 745L, 1118L, 1369L, 1867L), firstStarts(rows, 6), "golden first rows");
        assertEquals(25, rows.size());
        assertEquals(new LoadTrace.Row(6880, 0.05, 25), rows.get(24));
    }

    private static List<Long> firstStarts(List<LoadTrace.Row> rows, int count) {
        return rows.stream().limit(count).map(LoadTrace.Row::timeS).toList();
    }

    @Test
    void copiesAddFaults() {
        Scenario base = Scenarios.named("sustained-25");
        Scenario modified = base.withDuration(600)
                .withUnderVoltage(Scenario.Window.parse("100:200"))
                .withUnderVoltage(new Scenario.Window(300, 301))
                .withFanStallAt(400)
                .withNoise(0.3, 7);
        assertEquals(600, modified.durationS());
        assertEquals(List.of(new Scenario.Window(100, 200), new Scenario.Window(300, 301)), modified.underVoltage());
        assertEquals(OptionalLong.of(400), modified.fanStallAtS());
        assertEquals(Optional.of(new Scenario.Noise(0.3, 7)), modified.noise());
        assertTrue(modified.isUnderVoltage(300));
        assertFalse(modified.isUnderVoltage(301));
        assertNotEquals(base, modified);
        assertEquals(3600, base.durationS(), "the original is unchanged");
        assertNoFaults(base);
    }

    @Test
    void windowsParseFromTheCommandLine() {
        assertEquals(new Scenario.Window(600, 900), Scenario.Window.parse(" 600 : 900 "));
        assertEquals("600:900", new Scenario.Window(600, 900).toString());
        for (String bad : new String[] {"600", "600-900", "a:b", "900:600", "5:5", "-1:5", ":", ""}) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> Scenario.Window.parse(bad), bad);
            assertTrue(error.getMessage().contains("window"), error.getMessage());
        }
    }

    @Test
    void refusesNonsense() {
        Scenario base = Scenarios.named("idle-25");
        assertThrows(IllegalArgumentException.class, () -> base.withDuration(0));
        assertThrows(IllegalArgumentException.class, () -> base.withFanStallAt(-5));
        assertThrows(IllegalArgumentException.class, () -> base.withNoise(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> base.withNoise(Double.NaN, 1));
    }

    private static void assertSustained(Scenario scenario, double ambientC) {
        assertEquals(3600, scenario.durationS());
        assertEquals(0.05, scenario.trace().loadAt(0));
        assertEquals(0.05, scenario.trace().loadAt(59));
        assertEquals(1.0, scenario.trace().loadAt(60));
        assertEquals(1.0, scenario.trace().loadAt(3599));
        assertEquals(ambientC, scenario.trace().ambientAt(0));
        assertEquals(ambientC, scenario.trace().ambientAt(3599));
    }

    private static void assertNoFaults(Scenario scenario) {
        assertTrue(scenario.underVoltage().isEmpty());
        assertTrue(scenario.fanStallAtS().isEmpty());
        assertTrue(scenario.noise().isEmpty());
    }
}
