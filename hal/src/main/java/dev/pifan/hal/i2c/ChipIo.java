package dev.pifan.hal.i2c;

import dev.pifan.hal.HalException;

/** One chip at one address on one bus, prefixing every bus error with the chip's name. */
final class ChipIo {

    private final I2cBus bus;
    private final int address;
    private final String chip;

    ChipIo(I2cBus bus, int address, String chip) {
        I2cBus.checkAddress(address);
        this.bus = bus;
        this.address = address;
        this.chip = chip;
    }

    String where() {
        return I2cBus.hex(address) + " on " + bus.name();
    }

    I2cBus bus() {
        return bus;
    }

    int address() {
        return address;
    }

    int read(int register, String what) throws HalException {
        try {
            return bus.readByteData(address, register);
        } catch (HalException e) {
            throw wrap("reading " + what, e);
        }
    }

    void write(int register, int value, String what) throws HalException {
        I2cBus.checkByte(what, value);
        try {
            bus.writeByteData(address, register, value);
        } catch (HalException e) {
            throw wrap("writing " + what, e);
        }
    }

    void writeByte(int value, String what) throws HalException {
        I2cBus.checkByte(what, value);
        try {
            bus.writeByte(address, value);
        } catch (HalException e) {
            throw wrap("writing " + what, e);
        }
    }

    private HalException wrap(String doing, HalException cause) {
        return new HalException(cause.kind(), chip + " " + doing + ": " + cause.getMessage(), cause);
    }
}
