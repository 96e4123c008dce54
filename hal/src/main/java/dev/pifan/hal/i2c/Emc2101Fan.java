package dev.pifan.hal.i2c;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fan output of a Microchip EMC2101 (address 0x4c), driven directly.
 *
 * <p>Register use follows the {@code emc2101} hwmon driver proposed for Linux in 2025 (Álvaro
 * Fernández Rojas, drivers/hwmon/emc2101.c on the linux-hwmon list; not in 6.12): fan setting 0x4c
 * is six bits ({@code FAN_SET_MASK} 0x3f), speed is {@code FAN_RPM_FACTOR} 5400000 over the tach
 * count ({@code emc2101_fan_input_read});
 * the chip's temperature look-up table must be disabled (bit 5 of fan configuration 0x4a) for a
 * direct setting to stick, so it is disabled at open and re-enabled by {@link #handBack()} when it
 * was on. The PWM resolution is {@code 2 * PWM_F} steps (register 0x4d), capped at 63. The tach
 * input shares a pin with ALERT: only when the config says a tach wire is connected is the pin
 * switched to TACH (bit 2 of configuration 0x03) and speeds read.
 */
public final class Emc2101Fan implements Fan {

    public static final int DEFAULT_ADDRESS = 0x4C;

    static final int REG_CONFIG = 0x03;
    static final int CONFIG_ALT_TACH = 0x04;
    static final int REG_TACH_LOW = 0x46;
    static final int REG_TACH_HIGH = 0x47;
    static final int REG_FAN_CONFIG = 0x4A;
    static final int FAN_LUT_DISABLE = 0x20;
    static final int REG_FAN_SETTING = 0x4C;
    static final int REG_PWM_FREQUENCY = 0x4D;
    static final int REG_PRODUCT_ID = 0xFD;
    static final int REG_VENDOR_ID = 0xFE;
    static final int PRODUCT_EMC2101 = 0x16;
    static final int PRODUCT_EMC2101_R = 0x28;
    static final int RPM_FACTOR = 5_400_000;
    /**
     * Counts from here up mean a stopped fan. pifan's own rule, not the kernel's: the proposed
     * driver divides whatever it reads ({@code emc2101_fan_input_read}), so a stopped fan's 0xFFFF
     * shows as 82 rpm there; no fan runs under 83 rpm (5400000 / 0xFF40), and a stall must read as
     * 0, or the stall rule never fires.
     */
    static final int COUNT_STOPPED = 0xFF40;

    private final ChipIo io;
    private final int steps;
    private final boolean tachometer;
    private final StallDetector stall;
    private final OptionalInt fanConfigToRestore;
    private Optional<Duty> driven = Optional.empty();

    private Emc2101Fan(ChipIo io, int steps, boolean tachometer, StallDetector stall, OptionalInt restore) {
        this.io = io;
        this.steps = steps;
        this.tachometer = tachometer;
        this.stall = stall;
        this.fanConfigToRestore = restore;
    }

    /**
     * @param tachometer whether the board wires the fan's tach to the chip's ALERT/TACH pin
     * @throws HalException WRONG_DEVICE when the ids are not an EMC2101's, IO_ERROR for a NACK
     */
    public static Emc2101Fan open(I2cBus bus, int address, boolean tachometer, StallDetector stall)
            throws HalException {
        ChipIo io = new ChipIo(bus, address, "EMC2101 at " + I2cBus.hex(address) + " on " + bus.name());
        int product = io.read(REG_PRODUCT_ID, "product id");
        int vendor = io.read(REG_VENDOR_ID, "vendor id");
        if (vendor != Emc230xFan.VENDOR_MICROCHIP || (product != PRODUCT_EMC2101 && product != PRODUCT_EMC2101_R)) {
            throw new HalException(Kind.WRONG_DEVICE, "EMC2101 expected at " + io.where() + ": product id "
                    + I2cBus.hex(product) + ", vendor " + I2cBus.hex(vendor) + " (an EMC2101 has vendor 0x5d and"
                    + " product 0x16 or 0x28): check the bus and address in the config");
        }
        int fanConfig = io.read(REG_FAN_CONFIG, "fan configuration");
        OptionalInt restore = OptionalInt.empty();
        if ((fanConfig & FAN_LUT_DISABLE) == 0) {
            io.write(REG_FAN_CONFIG, fanConfig | FAN_LUT_DISABLE, "fan configuration (look-up table off)");
            restore = OptionalInt.of(fanConfig);
        }
        int pwmF = io.read(REG_PWM_FREQUENCY, "PWM frequency") & 0x1F;
        int steps = pwmF == 0 ? 63 : Math.min(63, 2 * pwmF);
        if (tachometer) {
            int config = io.read(REG_CONFIG, "configuration");
            if ((config & CONFIG_ALT_TACH) == 0) {
                io.write(REG_CONFIG, config | CONFIG_ALT_TACH, "configuration (ALERT pin as TACH input)");
            }
        }
        return new Emc2101Fan(io, steps, tachometer, tachometer ? stall : StallDetector.disabled(), restore);
    }

    /**
     * Full speed, for {@code pifan restore} after a pifan that could not exit: the ids are checked
     * first (a record never makes pifan write to another chip); full is the chip's step count.
     */
    public static void driveFull(I2cBus bus, int address) throws HalException {
        Emc2101Fan fan = open(bus, address, false, StallDetector.disabled());
        fan.apply(Duty.FULL);
    }

    /** How many fan-setting steps make 100% with this chip's PWM frequency register. */
    public int steps() {
        return steps;
    }

    @Override
    public String id() {
        return "emc2101@" + io.bus().name() + ":" + I2cBus.hex(io.address());
    }

    @Override
    public void apply(Duty duty) throws HalException {
        int setting = (int) Math.round(duty.ratio() * steps);
        io.write(REG_FAN_SETTING, setting, "fan setting");
        driven = Optional.of(Duty.ofRatio(setting / (double) steps));
        stall.applied(duty);
    }

    /** The step the chip holds: {@code steps} of them (46 at the tier's PWM_F), not 255. */
    @Override
    public Optional<Duty> driven() {
        return driven;
    }

    @Override
    public boolean hasTachometer() {
        return tachometer;
    }

    @Override
    public OptionalInt readRpm() throws HalException {
        if (!tachometer) {
            return OptionalInt.empty();
        }
        int high = io.read(REG_TACH_HIGH, "tach reading (high byte)");
        int low = io.read(REG_TACH_LOW, "tach reading (low byte)");
        int count = (high << 8) | low;
        int rpm = TachCount.toRpm(id(), count, COUNT_STOPPED, RPM_FACTOR);
        stall.check(id(), rpm);
        return OptionalInt.of(rpm);
    }

    /** Gives the fan back to the chip's temperature look-up table when it drove the fan before pifan. */
    @Override
    public boolean handBack() throws HalException {
        if (fanConfigToRestore.isEmpty()) {
            return false;
        }
        io.write(REG_FAN_CONFIG, fanConfigToRestore.getAsInt(), "fan configuration (look-up table back on)");
        return true;
    }
}
