package dev.pifan.hal.i2c;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One fan output of a Microchip EMC2301/2302/2303/2305 (the CM4 IO board has an EMC2301 at 0x2f
 * on i2c-10), driven in direct-setting mode.
 *
 * <p>At open: the product and vendor ids are checked (a wrong chip is refused before anything is
 * written); if the chip's own RPM-based speed algorithm is enabled for this fan ({@code EN_ALGO}),
 * it is switched off, because the fan setting register is read-only while it runs, and switched
 * back on by {@link #handBack()}. Nothing else is written at open.
 */
public final class Emc230xFan implements Fan {

    public static final int DEFAULT_ADDRESS = 0x2f;

    static final int REG_PRODUCT_ID = 0xFD;
    static final int REG_VENDOR_ID = 0xFE;
    static final int VENDOR_MICROCHIP = 0x5D;
    static final int EN_ALGO = 0x80;
    /**
     * rpm = RPM_FACTOR * m / count, m the range multiplier (1, 2, 4 or 8) of FAN_CONFIG1 bits 6:5:
     * the datasheet's equation for a 2-pole fan with 5 edges sampled at 32.768 kHz. The kernel's
     * emc2305 (drivers/hwmon/emc2305.c, emc2305_show_fan) computes {@code 3932160 / count * 2},
     * the same at the chip's default range bits 01. The multiplier from bits 6:5 is how the kernel
     * reads the same register of the family's EMC2103 (drivers/hwmon/emc2103.c,
     * {@code read_fan_config_from_i2c}: {@code fan_multiplier = 1 << ((conf1 & 0x60) >> 5)}).
     */
    static final int RPM_FACTOR = 3932160;
    static final int RANGE_SHIFT = 5;
    /** The tach count the chip reports when no edge arrived: the fan stands still (or has no tach wire). */
    static final int COUNT_STOPPED = 0x1FFF;

    /** The family members, by the product id at 0xFD, with their number of fan outputs. */
    public enum Model {
        EMC2301(0x37, 1), EMC2302(0x36, 2), EMC2303(0x35, 3), EMC2305(0x34, 5);

        private final int productId;
        private final int fans;

        Model(int productId, int fans) {
            this.productId = productId;
            this.fans = fans;
        }

        public int productId() {
            return productId;
        }

        public int fans() {
            return fans;
        }

        static Optional<Model> byProductId(int productId) {
            for (Model model : values()) {
                if (model.productId == productId) {
                    return Optional.of(model);
                }
            }
            return Optional.empty();
        }
    }

    private final ChipIo io;
    private final Model model;
    private final int fan;
    private final int base;
    private final StallDetector stall;
    private final OptionalInt configToRestore;
    private final int rangeMultiplier;

    private Emc230xFan(ChipIo io, Model model, int fan, StallDetector stall, OptionalInt configToRestore,
            int rangeMultiplier) {
        this.io = io;
        this.model = model;
        this.fan = fan;
        this.base = 0x10 * (fan - 1);
        this.stall = stall;
        this.configToRestore = configToRestore;
        this.rangeMultiplier = rangeMultiplier;
    }

    /**
     * Checks the chip and takes over fan output {@code fan} (1-based, as the datasheet counts).
     *
     * @param expected the model the config names, or empty to accept any EMC230x with that many fans
     * @throws HalException WRONG_DEVICE for another chip or another family member than expected,
     *     UNSUPPORTED for a fan number the chip does not have, IO_ERROR for a NACK
     */
    public static Emc230xFan open(I2cBus bus, int address, int fan, Optional<Model> expected, StallDetector stall)
            throws HalException {
        String expectedName = expected.map(Enum::name).orElse("EMC230x");
        ChipIo probe = new ChipIo(bus, address, expectedName + " at " + I2cBus.hex(address) + " on " + bus.name());
        Model model = identify(probe, expectedName);
        if (expected.isPresent() && expected.get() != model) {
            throw new HalException(Kind.WRONG_DEVICE, expectedName + " expected at " + probe.where() + ": found "
                    + model + " (product id " + I2cBus.hex(model.productId) + "); fix the model in the config");
        }
        if (fan < 1 || fan > model.fans) {
            throw new HalException(Kind.UNSUPPORTED, model + " at " + probe.where() + " has " + model.fans
                    + " fan output" + (model.fans == 1 ? "" : "s") + "; fan " + fan + " does not exist");
        }
        ChipIo io = new ChipIo(bus, address, model + " fan " + fan + " at " + probe.where());
        int configRegister = 0x32 + 0x10 * (fan - 1);
        int config = io.read(configRegister, "fan configuration 1");
        OptionalInt restore = OptionalInt.empty();
        if ((config & EN_ALGO) != 0) {
            io.write(configRegister, config & ~EN_ALGO, "fan configuration 1 (EN_ALGO off: direct setting mode)");
            restore = OptionalInt.of(config);
        }
        return new Emc230xFan(io, model, fan, stall, restore, 1 << ((config >> RANGE_SHIFT) & 0x3));
    }

    /**
     * Full speed on fan output {@code fan}, for {@code pifan restore} after a pifan that could not
     * exit: the ids are checked first (a record never makes pifan write to another chip), and the
     * chip's own algorithm is not touched (pifan recorded this fan because it drove it directly).
     */
    public static void driveFull(I2cBus bus, int address, int fan) throws HalException {
        ChipIo io = new ChipIo(bus, address, "EMC230x at " + I2cBus.hex(address) + " on " + bus.name());
        Model model = identify(io, "EMC230x");
        if (fan < 1 || fan > model.fans) {
            throw new HalException(Kind.UNSUPPORTED, model + " at " + io.where() + " has no fan " + fan);
        }
        io.write(0x30 + 0x10 * (fan - 1), 0xFF, "fan setting (full speed)");
    }

    /** Reads the ids and names the chip, or refuses it. */
    static Model identify(ChipIo io, String expectedName) throws HalException {
        int product = io.read(REG_PRODUCT_ID, "product id");
        int vendor = io.read(REG_VENDOR_ID, "vendor id");
        Optional<Model> model = Model.byProductId(product);
        if (vendor != VENDOR_MICROCHIP || model.isEmpty()) {
            throw new HalException(Kind.WRONG_DEVICE, expectedName + " expected at " + io.where() + ": product id "
                    + I2cBus.hex(product) + ", vendor " + I2cBus.hex(vendor) + " (an EMC230x has vendor 0x5d and"
                    + " product 0x34..0x37): check the bus and address in the config");
        }
        return model.get();
    }

    public Model model() {
        return model;
    }

    @Override
    public String id() {
        return model.name().toLowerCase(java.util.Locale.ROOT) + "@" + io.bus().name() + ":"
                + I2cBus.hex(io.address()) + "/fan" + fan;
    }

    @Override
    public void apply(Duty duty) throws HalException {
        io.write(0x30 + base, duty.toPwm(), "fan setting");
        stall.applied(duty);
    }

    @Override
    public boolean hasTachometer() {
        return true;
    }

    @Override
    public OptionalInt readRpm() throws HalException {
        // The high byte first: reading it latches the low byte, so the two halves belong together.
        int high = io.read(0x3E + base, "tach reading (high byte)");
        int low = io.read(0x3F + base, "tach reading (low byte)");
        int count = (high << 5) | (low >> 3);
        int rpm = TachCount.toRpm(id(), count, COUNT_STOPPED, RPM_FACTOR * rangeMultiplier);
        stall.check(id(), rpm);
        return OptionalInt.of(rpm);
    }

    /** Re-enables the chip's own RPM algorithm when it ran before pifan; then the chip drives the fan. */
    @Override
    public boolean handBack() throws HalException {
        if (configToRestore.isEmpty()) {
            return false;
        }
        io.write(0x32 + base, configToRestore.getAsInt(), "fan configuration 1 (EN_ALGO back on)");
        return true;
    }
}
