package dev.pifan.hal.i2c;

import dev.pifan.hal.Duty;
import dev.pifan.hal.FanWithoutTachometer;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The fan of an Argon ONE case: a microcontroller at 0x1a on i2c-1 taking the duty in percent.
 *
 * <p>Older firmware takes one bare byte; newer firmware takes register 0x80. {@link Protocol#AUTO}
 * tells them apart the way Argon's own script does ({@code argonregister_checksupport} in
 * argonregister.py): read register 0x80, write it one higher (98 from 99 up), wait a second, read
 * it back; a register that moved is newer firmware. Each transfer of that check is tried twice, so
 * one NACK from a busy MCU does not demote a newer case to the legacy protocol. The MCU has no id
 * register, so "is it there" is answered by the first fan write, which is 100% (a fan that starts at
 * full speed is the safe start).
 *
 * <p>Byte 0xFF tells the MCU to cut the Pi's power. Every value sent is clamped to 0..100 in
 * {@link #encode(Duty)}, and {@link #send} refuses anything above 100 as a last guard.
 */
public final class ArgonOneFan implements FanWithoutTachometer {

    public static final int DEFAULT_ADDRESS = 0x1A;
    public static final int DEFAULT_BUS = 1;
    static final int REG_FAN = 0x80;

    /** Argon's script waits a second after each write before it trusts a read-back. */
    public static final Duration SETTLE = Duration.ofSeconds(1);

    /** Waits for the MCU after a write; {@link #SETTLE} on a real case, nothing in tests. */
    @FunctionalInterface
    public interface Settle {
        void await() throws InterruptedException;
    }

    public enum Protocol {
        /** One byte, the percent: the original firmware. */
        LEGACY,
        /** Register 0x80 takes the percent: newer firmware (Argon ONE V3 and updated V2). */
        REGISTER,
        /** Checked at open the way Argon's script checks it. */
        AUTO;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ChipIo io;
    private Protocol protocol;
    private Optional<Duty> driven = Optional.empty();

    private ArgonOneFan(ChipIo io, Protocol protocol) {
        this.io = io;
        this.protocol = protocol;
    }

    /**
     * Opens the fan and sets it to 100%.
     *
     * @throws HalException NOT_FOUND when nothing acknowledges at the address
     */
    public static ArgonOneFan open(I2cBus bus, int address, Protocol protocol, Settle settle) throws HalException {
        ChipIo io = new ChipIo(bus, address, "Argon ONE at " + I2cBus.hex(address) + " on " + bus.name());
        ArgonOneFan fan = new ArgonOneFan(io, protocol == Protocol.AUTO ? detect(io, settle) : protocol);
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

    /** Register 0x80 moves when written: newer firmware; it does not, or cannot be read: legacy. */
    static Protocol detect(ChipIo io, Settle settle) throws HalException {
        try {
            int old = twice(() -> io.read(REG_FAN, "fan speed (register 0x80)"));
            int probe = old + 1 >= 100 ? 98 : old + 1;
            twice(() -> {
                io.write(REG_FAN, probe, "fan speed (register 0x80, firmware check)");
                return probe;
            });
            settle.await();
            int back = twice(() -> io.read(REG_FAN, "fan speed (register 0x80)"));
            return back != old ? Protocol.REGISTER : Protocol.LEGACY;
        } catch (HalException e) {
            if (e.kind() != Kind.IO_ERROR) {
                throw e;
            }
            return Protocol.LEGACY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException(Kind.IO_ERROR, io.where() + ": interrupted while checking the firmware", e);
        }
    }

    @FunctionalInterface
    private interface Transfer {
        int run() throws HalException;
    }

    /** One retry on a NACK: the MCU sometimes misses a transfer. */
    private static int twice(Transfer transfer) throws HalException {
        try {
            return transfer.run();
        } catch (HalException e) {
            if (e.kind() != Kind.IO_ERROR) {
                throw e;
            }
            return transfer.run();
        }
    }

    /** The percent byte for a duty: 0..100, never 0xFF. */
    static int encode(Duty duty) {
        long percent = Math.round(duty.percent());
        return (int) Math.max(0, Math.min(100, percent));
    }

    /** The protocol in use (never AUTO: open settles it). */
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public String id() {
        return "argon-one@" + io.bus().name() + ":" + I2cBus.hex(io.address());
    }

    @Override
    public void apply(Duty duty) throws HalException {
        int percent = encode(duty);
        send(percent);
        driven = Optional.of(Duty.ofPercent(percent));
    }

    /** The whole percent the MCU was sent. */
    @Override
    public Optional<Duty> driven() {
        return driven;
    }

    private void send(int percent) throws HalException {
        if (percent < 0 || percent > 100) { // 0xFF would power the Pi off
            throw new IllegalStateException("Argon ONE fan byte " + percent + " outside 0..100");
        }
        switch (protocol) {
            case LEGACY -> io.writeByte(percent, "fan speed (legacy byte)");
            case REGISTER -> io.write(REG_FAN, percent, "fan speed (register 0x80)");
            case AUTO -> throw new IllegalStateException("the protocol is settled at open");
        }
    }
}
