package dev.pifan.config;

import dev.pifan.control.ExitState;
import dev.pifan.control.ThermalModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The records' own checks: the second line of defence for configs built in code. */
class RecordsTest {

    private static final List<CurvePoint> POINTS = List.of(CurvePoint.of(45, 0), CurvePoint.of(70, 100));

    @Test
    void pi4HeatsinkDefaults() {
        PifanConfig c = PifanConfig.defaults("pi4-heatsink");
        assertEquals("pi4-heatsink", c.board());
        assertEquals("defaults", c.source());
        assertEquals(List.of(CurvePoint.of(55, 0), CurvePoint.of(56.5, 21), CurvePoint.of(62, 25), CurvePoint.of(64, 30),
                CurvePoint.of(64.5, 35), CurvePoint.of(65, 50), CurvePoint.of(66, 100)), c.curve().points());
        assertEquals(4.0, c.curve().hysteresisC());
        assertEquals(6.0, c.curve().offHysteresisC());
        assertEquals(Duration.ofSeconds(30), c.curve().downDelay());
        assertEquals(new FanConfig(Duty.ofPercent(21), Duty.ofPercent(31), Duration.ofSeconds(2), ExitState.AUTO), c.fan());
        assertEquals(new CeilingConfig(OptionalDouble.of(65), 0.0018 / 60, 0.006 / 60, Duration.ofMinutes(2), 3)
                .withModel(new ThermalModel(2.7, 6.4, 1.5, 60, 0.154, 0.346, 9000, 35)), c.ceiling());
        assertEquals(new SafetyConfig(80, 3, Duration.ofMinutes(2), Duration.ofSeconds(10)), c.safety());
        assertEquals(Duration.ofSeconds(1), c.interval());
    }

    @Test
    void pi5ActiveCoolerDefaults() {
        PifanConfig c = PifanConfig.defaults("pi5-active-cooler");
        assertEquals(List.of(CurvePoint.of(52, 0), CurvePoint.of(55, 16), CurvePoint.of(62, 30), CurvePoint.of(64, 45),
                CurvePoint.of(64.5, 64), CurvePoint.of(65, 83), CurvePoint.of(66, 100)), c.curve().points());
        assertEquals(0.0, c.curve().offHysteresisC());
        assertEquals(Duty.ofPercent(16), c.fan().minDuty());
        assertEquals(Duty.ofPercent(26), c.fan().startDuty());
        assertEquals(PifanConfig.defaults("pi4-heatsink").safety(), c.safety());
        assertEquals(PifanConfig.defaults("pi4-heatsink").ceiling().withModel(new ThermalModel(3, 8.5, 1, 70, 0.154, 0.246, 8500, 38)),
                c.ceiling());
    }

    @Test
    void cm4BladeDefaults() {
        PifanConfig c = PifanConfig.defaults("cm4-blade");
        assertEquals(List.of(CurvePoint.of(53, 0), CurvePoint.of(55, 13), CurvePoint.of(62, 20), CurvePoint.of(64, 30),
                CurvePoint.of(64.5, 38), CurvePoint.of(65, 43), CurvePoint.of(66, 100)), c.curve().points());
        assertEquals(Duty.ofPercent(13), c.fan().minDuty());
        assertEquals(Duty.ofPercent(22), c.fan().startDuty());
        assertEquals(Duration.ofSeconds(2), c.fan().kick());
    }

    @Test
    void autoKeepsItsNameAndTakesThePi4HeatsinkDefaults() {
        PifanConfig auto = PifanConfig.defaults("auto");
        assertEquals("auto", auto.board());
        PifanConfig pi4 = PifanConfig.defaults("pi4-heatsink");
        assertEquals(pi4.curve(), auto.curve());
        assertEquals(pi4.fan(), auto.fan());
        assertEquals(pi4.safety(), auto.safety());
    }

    @Test
    void unknownProfileIsRefusedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PifanConfig.defaults("pi3"));
        assertEquals("unknown board profile 'pi3' (valid: auto, pi4-heatsink, pi5-active-cooler, cm4-blade)", e.getMessage());
    }

    @Test
    void summaryIsOneLine() {
        assertEquals("pifan.yaml: OK, board auto, 7 curve points 55-66C, hysteresis 4C, ceiling 65C, critical 80C, "
                + "interval 1s", PifanConfig.defaults("auto").withSource("pifan.yaml").summary());
    }

    @Test
    void curvePointsAreAnUnmodifiableCopy() {
        List<CurvePoint> points = new ArrayList<>(POINTS);
        CurveConfig curve = new CurveConfig(points, 4);
        points.set(0, CurvePoint.of(40, 0));
        assertEquals(POINTS, curve.points());
        assertThrows(UnsupportedOperationException.class, () -> curve.points().add(CurvePoint.of(80, 100)));
    }

    @Test
    void curveInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new CurveConfig(List.of(CurvePoint.of(70, 100)), 4));
        assertThrows(IllegalArgumentException.class,
                () -> new CurveConfig(List.of(CurvePoint.of(50, 0), CurvePoint.of(50, 100)), 4));
        assertThrows(IllegalArgumentException.class,
                () -> new CurveConfig(List.of(CurvePoint.of(45, 50), CurvePoint.of(50, 40), CurvePoint.of(60, 100)), 4));
        assertThrows(IllegalArgumentException.class,
                () -> new CurveConfig(List.of(CurvePoint.of(45, 0), CurvePoint.of(70, 90)), 4));
        assertThrows(IllegalArgumentException.class, () -> new CurveConfig(POINTS, 20.5));
        assertThrows(IllegalArgumentException.class, () -> new CurveConfig(POINTS, -1));
        assertThrows(IllegalArgumentException.class, () -> new CurveConfig(POINTS, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CurvePoint.of(Double.NaN, 50));
        assertThrows(IllegalArgumentException.class, () -> CurvePoint.of(126, 50));
        assertEquals(20.0, new CurveConfig(POINTS, 20).hysteresisC());
    }

    @Test
    void fanInvariants() {
        Duty low = Duty.ofPercent(20);
        Duty high = Duty.ofPercent(40);
        assertThrows(IllegalArgumentException.class, () -> new FanConfig(high, low, Duration.ZERO, ExitState.AUTO));
        assertThrows(IllegalArgumentException.class, () -> new FanConfig(low, high, Duration.ofSeconds(-1), ExitState.AUTO));
        assertThrows(IllegalArgumentException.class, () -> new FanConfig(low, high, Duration.ofSeconds(31), ExitState.AUTO));
        assertThrows(NullPointerException.class, () -> new FanConfig(low, high, Duration.ZERO, null));
        assertEquals(high, new FanConfig(high, high, Duration.ZERO, ExitState.FULL).startDuty());
    }

    @Test
    void safetyInvariants() {
        Duration off = Duration.ZERO;
        assertThrows(IllegalArgumentException.class, () -> new SafetyConfig(80, 0, off, off));
        assertThrows(IllegalArgumentException.class, () -> new SafetyConfig(80, 101, off, off));
        assertThrows(IllegalArgumentException.class, () -> new SafetyConfig(Double.NaN, 3, off, off));
        assertThrows(IllegalArgumentException.class, () -> new SafetyConfig(80, 3, Duration.ofSeconds(5), off));
        assertThrows(IllegalArgumentException.class, () -> new SafetyConfig(80, 3, off, Duration.ofMinutes(11)));
        SafetyConfig disabled = new SafetyConfig(80, 3, off, off);
        assertTrue(!disabled.stuckDetection() && !disabled.stallDetection());
    }

    @Test
    void configInvariants() {
        PifanConfig d = PifanConfig.defaults("auto");
        assertThrows(IllegalArgumentException.class,
                () -> new PifanConfig("pi3", d.interval(), d.curve(), d.fan(), d.safety(), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new PifanConfig("auto", Duration.ofMillis(99), d.curve(), d.fan(), d.safety(), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new PifanConfig("auto", Duration.ofSeconds(61), d.curve(), d.fan(), d.safety(), "x"));
        SafetyConfig lowCritical = new SafetyConfig(45, 3, Duration.ZERO, Duration.ZERO);
        assertThrows(IllegalArgumentException.class,
                () -> new PifanConfig("auto", d.interval(), d.curve(), d.fan(), lowCritical, "x"));
    }
}
