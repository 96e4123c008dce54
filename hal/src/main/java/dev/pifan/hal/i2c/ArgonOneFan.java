package dev.pifan.hal.i2c;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The fan of an Argon ONE case: a microcontroller at 0x1a on i2c-1 taking the duty in percent.
 *
 * <p>Older firmware takes one bare byte; newer firmware takes register 0x80. {@link Protocol#AUTO}
 * does what Argon's own script does: try the register, fall back to the bare byte when the write
 * fails, and stay with what worked. The MCU has no id register, so "is it there" is answered by the
 * first write, which is 100% (a fan that starts at full speed is the safe start).
 *
 * <p>Byte 0xFF tells the MCU to cut the Pi's power. Every value sent is clamped to 0..100 in
 * {@link #encode(Duty)}, and {@link #send} refuses anything above 100 as a last guard.
 */
public final class ArgonOneFan implements Fan {

    public static final int DEFAULT_ADDRESS = 0x1A;
    public static final int DEFAULT_BUS = 1;
    static final int REG_FAN = 0x80;

    public enum Protocol {
        /** One byte, the percent: the original firmware. */
        LEGACY,
        /** Register 0x80 takes the percent: newer firmware (Argon ONE V3 and updated V2). */
        REGISTER,
        /** Register first, bare byte when that fails. */
        AUTO;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ChipIo io;
    private Protocol protocol;

    private ArgonOneFan(ChipIo io, Protocol protocol) {
        this.io = io;
        this.protocol = protocol;
    }

    /**
     * Opens the fan and sets it to 100%.
     *
     * @throws HalException NOT_FOUND when nothing acknowledges at the address
     */
    public static ArgonOneFan open(I2cBus bus, int address, Protocol protocol) throws HalException {
        ChipIo io = new ChipIo(bus, address, "Argon ONE at " + I2cBus.hex(address) + " on " + bus.name());
        ArgonOneFan fan = new ArgonOneFan(io, protocol);
        try {
            fan.apply(Duty.FULL);
        } catch (HalException e) {
            if (e.kind() == Kind.IO_ERROR) {
                throw new HalException(Kind.NOT_FOUND, "no Argon ONE answers at " + io.where() + ": is this an Argon"
                        + " ONE case and is I2C enabled (dtparam=i2c_arm=on)? " + e.getMessage(), e);
            }
            throw e;
        }
        return fan;
    }

    /** The percent byte for a duty: 0..100, never 0xFF. */
    static int encode(Duty duty) {
        long percent = Math.round(duty.percent());
        return (int) Math.max(0, Math.min(100, percent));
    }

    /** The protocol in use: AUTO until the first write has settled it. */
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public String id() {
        return "argon-one@" + io.bus().name() + ":" + I2cBus.hex(io.address());
    }

    @Override
    public void apply(Duty duty) throws HalException {
        send(encode(duty));
    }

    private void send(int percent) throws HalException {
        if (percent < 0 || percent > 100) { // 0xFF would power the Pi off
            throw new IllegalStateException("Argon ONE fan byte " + percent + " outside 0..100");
        }
        switch (protocol) {
            case LEGACY -> io.writeByte(percent, "fan speed (legacy byte)");
            case REGISTER -> io.write(REG_FAN, percent, "fan speed (register 0x80)");
            case AUTO -> {
                try {
                    io.write(REG_FAN, percent, "fan speed (register 0x80)");
                    protocol = Protocol.REGISTER;
                } catch (HalException e) {
                    if (e.kind() != Kind.IO_ERROR) {
                        throw e;
                    }
                    io.writeByte(percent, "fan speed (legacy byte, after register 0x80 failed)");
                    protocol = Protocol.LEGACY;
                }
            }
        }
    }

    @Override
    public boolean hasTachometer() {
        return false;
    }

    @Override
    public OptionalInt readRpm() {
        return OptionalInt.empty();
    }
}
