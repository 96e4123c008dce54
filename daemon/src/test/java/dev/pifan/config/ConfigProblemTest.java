package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void printsLikeACompilerMessage() {
        assertEquals("pifan.yaml:7: curve.points[2]: 58 must be above the previous point's 60",
                new ConfigProblem("pifan.yaml", 7, "curve.points[2]", "58 must be above the previous point's 60").toString());
    }

    @Test
    void syntaxErrorsCarryAColumnAndNoPath() {
        assertEquals("pifan.yaml:2:4: mapping values are not allowed here",
                new ConfigProblem("pifan.yaml", 2, 4, "", "mapping values are not allowed here").toString());
    }

    @Test
    void anUnknownLineIsLeftOut() {
        assertEquals("/etc/pifan/pifan.yaml: no such file",
                new ConfigProblem("/etc/pifan/pifan.yaml", 0, "", "no such file").toString());
    }

    @Test
    void exceptionMessageListsEveryProblemOnItsOwnLine() {
        ConfigException e = new ConfigException(List.of(
                new ConfigProblem("a.yaml", 1, "interval", "10ms outside 100ms..60s"),
                new ConfigProblem("a.yaml", 3, "fan.kick", "\"x\" is not a duration")));
        assertEquals("a.yaml:1: interval: 10ms outside 100ms..60s\na.yaml:3: fan.kick: \"x\" is not a duration",
                e.getMessage());
        assertEquals(2, e.problems().size());
    }

    @Test
    void anExceptionWithoutProblemsIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ConfigProblem("a", -1, "", "m"));
    }
}
