/**
 * The small device contracts the library adapters implement ({@link dev.pifan.hal.io.GpioPin},
 * {@link dev.pifan.hal.io.PwmOutput}, {@link dev.pifan.hal.io.DeviceProvider}) and the fans built
 * on them. Nothing here imports diozero or Pi4J: {@code dev.pifan.hal.diozero} and
 * {@code dev.pifan.hal.pi4j} depend on this package, never the other way round.
 */
package dev.pifan.hal.io;
