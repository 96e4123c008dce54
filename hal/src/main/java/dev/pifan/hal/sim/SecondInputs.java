package dev.pifan.hal.sim;

/**
 * What the world does to the board during one simulated second (step 1 of the spec).
 *
 * @param load CPU load, 0..1
 * @param ambientC air temperature [°C]
 * @param underVoltage an under-voltage window covers this second
 * @param fanStalled the fan is stalled (from the fan-stall time on)
 */
public record SecondInputs(double load, double ambientC, boolean underVoltage, boolean fanStalled) {
}
