package dev.pifan.hal.i2c;

import dev.pifan.hal.HalException;

/**
 * The four SMBus transfers the fan chips need, on one bus ({@code /dev/i2c-N}). Values are
 * unsigned bytes as ints (0..255). Implementations: diozero, Pi4J, and register-map fakes in tests;
 * the chip drivers in this package only ever see this interface.
 *
 * <p>Every failure is a {@link HalException}: a NACK (nothing answers at that address) is
 * {@link HalException.Kind#IO_ERROR} with a message naming bus, address and register; see
 * {@link I2cErrors}.
 */
public interface I2cBus extends AutoCloseable {

    /** The bus as the kernel names it, {@code i2c-1}. */
    String name();

    int readByteData(int address, int register) throws HalException;

    void writeByteData(int address, int register, int value) throws HalException;

    /** A receive-byte transfer: no register, the device answers its current byte. */
    int readByte(int address) throws HalException;

    /** A send-byte transfer: one byte, no register (the Argon ONE's legacy protocol). */
    void writeByte(int address, int value) throws HalException;

    @Override
    void close() throws HalException;

    /** {@code 0x2f}, the way addresses and registers appear in every message. */
    static String hex(int value) {
        return String.format("0x%02x", value);
    }

    /** Refuses an address outside the 7-bit range an SMBus device can have. */
    static void checkAddress(int address) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException("I2C address " + hex(address) + " outside 0x03..0x77");
        }
    }

    static void checkByte(String what, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..255");
        }
    }
}
