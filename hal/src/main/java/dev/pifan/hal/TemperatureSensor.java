package dev.pifan.hal;

/** A source of the SoC temperature: a thermal zone, an hwmon input, vcgencmd, the simulator. */
public interface TemperatureSensor {

    /** A short name for logs, metrics labels and {@code /status}, e.g. {@code thermal_zone0}. */
    String id();

    /**
     * Reads the temperature now, in degrees Celsius, as the source reports it. Plausibility is the
     * caller's judgement: a sensor returns what it read and throws only when it could not read.
     */
    double readCelsius() throws HalException;
}
