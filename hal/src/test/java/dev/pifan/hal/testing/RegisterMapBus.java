package dev.pifan.hal.testing;

import dev.pifan.hal.HalException;
import dev.pifan.hal.i2c.I2cBus;
import dev.pifan.hal.i2c.I2cErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated I2C bus: chips at addresses, each a map of 256 registers. Reads answer from the map,
 * writes land in it and are recorded as (address, register, value); an address with no chip NACKs
 * like the kernel reports it (EREMOTEIO), and single registers can be made to NACK on write.
 */
public final class RegisterMapBus implements I2cBus {

    /** A register write; {@code register} is -1 for a send-byte transfer. */
    public record Write(int address, int register, int value) {
        @Override
        public String toString() {
            return String.format("%02x:%s=%02x", address, register < 0 ? "--" : String.format("%02x", register), value);
        }
    }

    /** One chip's registers. */
    public static final class Chip {
        private final int[] registers = new int[256];
        private final Set<Integer> nackOnWrite = new HashSet<>();
        private final Set<Integer> ignoredWrites = new HashSet<>();
        private int readNacksLeft;
        private boolean nackSendByte;
        private int receiveByte;

        public Chip set(int register, int value) {
            registers[register] = value;
            return this;
        }

        public int get(int register) {
            return registers[register];
        }

        /** Writes to this register NACK (as a firmware without that register would). */
        public Chip nackWritesTo(int register) {
            nackOnWrite.add(register);
            return this;
        }

        /** Writes to this register are acknowledged and dropped (a firmware that has no such register). */
        public Chip ignoreWritesTo(int register) {
            ignoredWrites.add(register);
            return this;
        }

        /** The next {@code count} register reads NACK (a busy MCU), then they answer again. */
        public Chip nackNextReads(int count) {
            readNacksLeft = count;
            return this;
        }

        public Chip nackSendByte() {
            nackSendByte = true;
            return this;
        }

        public Chip receiveByte(int value) {
            receiveByte = value;
            return this;
        }
    }

    private final String name;
    private final Map<Integer, Chip> chips = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private boolean closed;

    public RegisterMapBus(int bus) {
        this.name = "i2c-" + bus;
    }

    public Chip chip(int address) {
        return chips.computeIfAbsent(address, a -> new Chip());
    }

    /** An EMC2301 at its power-on defaults, with a tach count for 2950 rpm. */
    public static Chip emc2301(Chip chip) {
        int count = 3932160 * 2 / 2950;
        return chip.set(0xFD, 0x37).set(0xFE, 0x5D).set(0xFF, 0x80).set(0x32, 0x2B)
                .set(0x3E, count >> 5).set(0x3F, (count & 0x1F) << 3);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public List<String> reads() {
        return List.copyOf(reads);
    }

    public boolean isClosed() {
        return closed;
    }

    private Chip at(int address, String operation) throws HalException {
        Chip chip = chips.get(address);
        if (chip == null) {
            throw I2cErrors.fromErrno(name, address, operation, I2cErrors.EREMOTEIO, "simulated");
        }
        return chip;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int readByteData(int address, int register) throws HalException {
        Chip chip = at(address, "reading register " + I2cBus.hex(register));
        reads.add(String.format("%02x:%02x", address, register));
        if (chip.readNacksLeft > 0) {
            chip.readNacksLeft--;
            throw I2cErrors.fromErrno(name, address, "reading register " + I2cBus.hex(register), I2cErrors.EREMOTEIO,
                    "simulated");
        }
        return chip.registers[register];
    }

    @Override
    public void writeByteData(int address, int register, int value) throws HalException {
        I2cBus.checkByte("value", value);
        Chip chip = at(address, "writing register " + I2cBus.hex(register));
        if (chip.nackOnWrite.contains(register)) {
            throw I2cErrors.fromErrno(name, address, "writing register " + I2cBus.hex(register), I2cErrors.EREMOTEIO,
                    "simulated");
        }
        writes.add(new Write(address, register, value));
        if (!chip.ignoredWrites.contains(register)) {
            chip.registers[register] = value;
        }
    }

    @Override
    public int readByte(int address) throws HalException {
        return at(address, "reading a byte").receiveByte;
    }

    @Override
    public void writeByte(int address, int value) throws HalException {
        I2cBus.checkByte("value", value);
        Chip chip = at(address, "writing a byte");
        if (chip.nackSendByte) {
            throw I2cErrors.fromErrno(name, address, "writing a byte", I2cErrors.EREMOTEIO, "simulated");
        }
        writes.add(new Write(address, -1, value));
    }

    @Override
    public void close() {
        closed = true;
    }
}
