package dev.pifan.hal.sim;

/**
 * What the simulator records for one second (step 6 of the spec): the row of the per-second CSV.
 *
 * <p>Sample {@code timeS = k + 1} describes second k: its inputs, the die temperature and fan
 * speed at its end, the sensor value and flags the controller saw at its start, the duty the
 * controller chose, and the clock ratio the plant ran at.
 *
 * @param timeS k + 1, in seconds
 * @param load load of second k
 * @param ambientC ambient of second k [°C]
 * @param dieC true die temperature at the end of second k [°C]
 * @param sensorC the quantised (and possibly noisy) reading of second k [°C]
 * @param duty the duty applied during second k
 * @param rpm fan speed at the end of second k
 * @param freqRatio the DVFS clock ratio during second k (phi)
 * @param throttled the {@code get_throttled} word reported during second k
 * @param underVoltage whether an under-voltage window covered second k (not a CSV column: it is
 *     the 0x1 bit of {@code throttled}, which the simulated firmware sets exactly then)
 */
public record Sample(
        long timeS,
        double load,
        double ambientC,
        double dieC,
        double sensorC,
        double duty,
        double rpm,
        double freqRatio,
        int throttled,
        boolean underVoltage) {
}
