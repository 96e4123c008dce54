package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;

/**
 * Opens the library behind a {@link Provider}. {@link #libraries()} is the one place that names
 * the diozero and Pi4J adapters: a plain {@code switch}, no reflection, so a native image sees
 * both and the JVM loads a library's classes only when its branch runs. A missing jar surfaces
 * as {@link LinkageError} there and becomes a one-line {@link HalException}.
 */
@FunctionalInterface
public interface DeviceProviders {

    DeviceProvider open(Provider provider) throws HalException;

    static DeviceProviders libraries() {
        return DeviceProviders::openLibrary;
    }

    /** For hosts and tests that must not touch any library: every request fails clearly. */
    static DeviceProviders none() {
        return provider -> {
            throw new HalException(Kind.UNSUPPORTED, provider.configName() + " is not available here");
        };
    }

    private static DeviceProvider openLibrary(Provider provider) throws HalException {
        try {
            return switch (provider) {
                case DIOZERO -> new dev.pifan.hal.diozero.DiozeroProvider();
                case PI4J -> new dev.pifan.hal.pi4j.Pi4jProvider();
                case SYSFS -> throw new HalException(Kind.UNSUPPORTED,
                        "sysfs drives PWM and hwmon only; I2C and GPIO need provider diozero or pi4j");
            };
        } catch (LinkageError e) {
            throw new HalException(Kind.UNSUPPORTED, provider.configName() + " is not on the class path ("
                    + e.getMessage() + "): use a pifan build that includes it, or another provider", e);
        }
    }
}
