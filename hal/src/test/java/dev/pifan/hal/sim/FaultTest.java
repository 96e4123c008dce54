package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultTest {

    @Test
    void parsesTheCommandLineForm() {
        Fault stuck = Fault.parse("sensor-stuck:600:900:45");
        assertEquals(Fault.Kind.SENSOR_STUCK, stuck.kind());
        assertEquals(600, stuck.startS());
        assertEquals(900, stuck.endS());
        assertEquals(OptionalDouble.of(45), stuck.arg());
        assertEquals("sensor-stuck:600:900:45", stuck.toString());
        assertEquals(-30.0, Fault.parse("clock-jump:100:101:-30").argument());
        assertEquals("fan-error:0:10", Fault.parse(" fan-error:0:10 ").toString());
    }

    @Test
    void coversItsWindowHalfOpen() {
        Fault fault = Fault.parse("fan-stall:10:20");
        assertFalse(fault.covers(9));
        assertTrue(fault.covers(10));
        assertTrue(fault.covers(19));
        assertFalse(fault.covers(20));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sensor-error:600                | is not KIND:START:END[:ARG]",
        "sensor-eror:600:900             | unknown fault kind 'sensor-eror': expected one of sensor-error,",
        "sensor-error:900:600            | needs 0 <= START < END",
        "sensor-error:-5:600             | needs 0 <= START < END",
        "sensor-error:a:600              | START 'a' is not whole seconds",
        "sensor-error:0:600:3            | takes no argument",
        "sensor-stuck:0:600              | needs an argument (value in C)",
        "sensor-intermittent:0:600:1.5   | failure rate 1.5 outside 0..1",
        "sensor-intermittent:0:600:x     | argument 'x' is not a number",
        "sensor-slow:0:600:0             | delay 0.0 s outside 0..3600",
        "clock-jump:0:1:0                | a jump of 0 s is no jump",
        "sensor-stuck:0:600:NaN          | must be a finite number",
    })
    void refusesBadFaultsWithAClearMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.parse(text));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
    }
}
