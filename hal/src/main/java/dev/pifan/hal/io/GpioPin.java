package dev.pifan.hal.io;

import dev.pifan.hal.HalException;

/**
 * One GPIO line driven as an output, by level. Active-low wiring is the caller's business
 * ({@link GpioOnOffFan} handles it), so an implementation only ever sets what it is told.
 */
public interface GpioPin extends AutoCloseable {

    /** A short description for logs and errors, e.g. {@code GPIO18 (diozero)}. */
    String id();

    void set(boolean high) throws HalException;

    /** Releases the line. The level it is left at is whatever the kernel does on release. */
    @Override
    void close() throws HalException;
}
