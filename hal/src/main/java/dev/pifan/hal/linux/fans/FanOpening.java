package dev.pifan.hal.linux.fans;

import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.io.DeviceProvider;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.Host;

/**
 * What a {@link FanDriver} opens its fan with: the host, and the board being opened, which keeps
 * what the fan holds and releases it when it closes.
 */
public interface FanOpening {

    Host host();

    /** The board's context of {@code provider}'s library, opened on first use. */
    DeviceProvider library(Provider provider) throws HalException;

    /** Opens {@code /dev/i2c-<bus>} through {@code provider}'s library, closed with the board. */
    I2cBus bus(Provider provider, int bus) throws HalException;

    /** Closes {@code resource} with the board; returns it. */
    <T extends AutoCloseable> T keep(T resource);

    /**
     * A library switches its outputs off when they or the library are closed (diozero sets PWM
     * to 0 and GPIO low), and a fan must not stop because pifan exits: the fan's output and the
     * library driving it are left open, for the process exit to release with the fan still in
     * the state pifan left it in.
     */
    void leaveRunning(DeviceProvider library);

    /**
     * Records a fan only pifan drives, for {@code pifan restore}; forgotten when the board is
     * closed, which a clean exit does after it has left the fan at full speed.
     */
    void recordDriven(String key, String value);
}
