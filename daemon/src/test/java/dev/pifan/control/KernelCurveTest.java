package dev.pifan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCurveTest {

    private final FanCurve curve = FanCurve.of(45, 0, 50, 30, 70, 100);

    /** The kernel's step curve: the level of the highest trip at or below the temperature (rising). */
    private static int kernelLevel(KernelCurve kernel, double celsius) {
        int level = 0;
        for (KernelCurve.Trip trip : kernel.trips()) {
            if (celsius >= trip.celsius()) {
                level = trip.level();
            }
        }
        return level;
    }

    @Test
    void pi5LinesSpreadFourTripsFromWhereTheCurveLeavesZeroToItsTop() {
        assertEquals(List.of(
                // each level is pifan's at the next trip: 42.25% at 53.5 C, 70.25% at 61.5 C, 100% at 70 C
                "dtparam=fan_temp0=45000,fan_temp0_hyst=4000,fan_temp0_speed=108",
                "dtparam=fan_temp1=53500,fan_temp1_hyst=4000,fan_temp1_speed=179",
                "dtparam=fan_temp2=61500,fan_temp2_hyst=4000,fan_temp2_speed=255",
                "dtparam=fan_temp3=70000,fan_temp3_hyst=4000,fan_temp3_speed=255"),
                KernelCurve.pi5(curve, 4).pi5Lines());
    }

    @Test
    void neitherKernelCurveRunsTheFanSlowerThanPifansAboveItsFirstTrip() {
        for (KernelCurve kernel : List.of(KernelCurve.pi5(curve, 4), KernelCurve.poeHat(curve, 4))) {
            for (double c = kernel.trips().get(0).celsius(); c <= 80; c += 0.5) {
                assertTrue(kernelLevel(kernel, c) >= curve.dutyAt(c).toPwm(),
                        kernel + " at " + c + " C: " + kernelLevel(kernel, c) + " < " + curve.dutyAt(c).toPwm());
            }
        }
    }

    @Test
    void poeLinesPutEachFixedLevelWherePifanFirstWantsMoreThanTheLevelBelow() {
        assertEquals(List.of(
                // pifan leaves 0 at 45 C, passes 1/255 before 45.5 C (7.6/255 there), 10/255 before
                // 46 C (3.0% at 45.5 C), 100/255 before 53 C (38.75% at 52.5 C)
                "dtparam=poe_fan_temp0=45000,poe_fan_temp0_hyst=4000",
                "dtparam=poe_fan_temp1=45000,poe_fan_temp1_hyst=4000",
                "dtparam=poe_fan_temp2=45500,poe_fan_temp2_hyst=4000",
                "dtparam=poe_fan_temp3=52500,poe_fan_temp3_hyst=4000"),
                KernelCurve.poeHat(curve, 4).poeLines());
    }
}
