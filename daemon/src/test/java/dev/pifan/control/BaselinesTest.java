package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static double run(Controller controller, double celsius) {
        return controller.decide(Reading.of(0, celsius)).duty().ratio();
    }

    @Test
    void seedStepIsAPlainStepFunction() {
        Controller c = Baselines.named("seed-step");
        assertEquals(0.0, run(c, 39.9));
        assertEquals(0.30, run(c, 40));
        assertEquals(0.50, run(c, 55));
        assertEquals(0.75, run(c, 60));
        assertEquals(1.0, run(c, 70));
        assertEquals(0.30, run(c, 45), "no hysteresis: straight back down");
    }

    @Test
    void pi5FirmwareLeavesEachLevelFiveDegreesBelowItsEntry() {
        Controller c = Baselines.named("pi5-firmware");
        assertEquals(0.0, run(c, 49.5));
        assertEquals(75 / 255.0, run(c, 50), 1e-12);
        assertEquals(175 / 255.0, run(c, 67.5), 1e-12);
        assertEquals(250 / 255.0, run(c, 75), 1e-12);
        assertEquals(250 / 255.0, run(c, 70), 1e-12);
        assertEquals(175 / 255.0, run(c, 69.9), 1e-12);
        assertEquals(125 / 255.0, run(c, 62.4), 1e-12);
        assertEquals(75 / 255.0, run(c, 54.9), 1e-12);
        assertEquals(75 / 255.0, run(c, 45), 1e-12);
        assertEquals(0.0, run(c, 44.9));
    }

    @Test
    void argonLeavesThreeDegreesBelow() {
        Controller c = Baselines.named("argon");
        assertEquals(0.10, run(c, 55), 1e-12);
        assertEquals(1.0, run(c, 65), 1e-12);
        assertEquals(1.0, run(c, 62), 1e-12);
        assertEquals(0.55, run(c, 61.9), 1e-12);
        assertEquals(0.0, run(c, 51.9), 1e-12);
    }

    @Test
    void gpioFanSwitchesAt55AndOffBelow45() {
        Controller c = Baselines.named("gpio-fan");
        assertEquals(0.0, run(c, 54.9));
        assertEquals(1.0, run(c, 55));
        assertEquals(1.0, run(c, 45));
        assertEquals(0.0, run(c, 44.9));
    }

    @Test
    void fancontrolLinearRampsAndKicksOnceFromZero() {
        Controller c = Baselines.named("fancontrol-linear");
        assertEquals(0.0, run(c, 45));
        assertEquals(0.35, run(c, 46), 1e-12, "kick: at least 0.35 when leaving 0");
        assertEquals(0.2 + 0.8 * 1 / 25, run(c, 46), 1e-12);
        assertEquals(0.2 + 0.8 * 12.5 / 25, run(c, 57.5), 1e-12);
        assertEquals(1.0, run(c, 70));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.named("bang-bang"));
        assertTrue(e.getMessage().contains("unknown controller 'bang-bang'"), e.getMessage());
        assertTrue(e.getMessage().contains("pi5-firmware"), e.getMessage());
    }

    @Test
    void eachNameBuildsAFreshController() {
        for (String name : Baselines.names()) {
            Controller c = Baselines.named(name);
            assertEquals(name, c.name());
            assertTrue(c != Baselines.named(name), "state must not be shared between runs");
        }
    }
}
