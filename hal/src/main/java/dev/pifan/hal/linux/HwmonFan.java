package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.FanOwner;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fan behind an hwmon device: {@code pwmN} (0..255) to drive it, {@code fanN_input} (rpm) as
 * tachometer when present. The Pi 5 Active Cooler and the PoE/PoE+ HAT fans are {@code pwm-fan}
 * devices (hwmon name {@code pwmfan}); the kernel's emc2305 and gpio-fan drivers show up here too.
 *
 * <p>Such a fan is usually a cooling device of the CPU thermal zone, and the zone's governor sets
 * its own level at every trip crossing. {@code pwm1_enable} does not change that: on pwm-fan it only
 * says whether the PWM and the fan's regulator stay on at {@code pwm1 = 0} (0 turns both off;
 * Documentation/hwmon/pwm-fan.rst, {@code pwm_fan_update_enable} in drivers/hwmon/pwm-fan.c; 1 after
 * probe), so pifan leaves it alone. At open the zones that drive the fan are taken by the
 * {@link Takeover} (see {@link ZoneTakeover}); each {@link #apply} first reads {@code pwmN} back, and a
 * value other than the one the driver showed right after pifan's last write is a conflict: counted,
 * logged once, and answered by taking the zone again. {@link #handBack()} writes full speed first,
 * then gives the zones back, so the governor steps down from full speed on falling readings instead
 * of leaving a low duty nobody drives.
 */
public final class HwmonFan implements Fan {

    public static final String PWM_FAN_NAME = "pwmfan";
    public static final String GPIO_FAN_NAME = "gpio_fan";
    public static final String EMC2305_NAME = "emc2305";
    /**
     * emc2305's cooling device: "emc2305_fan" with one PWM for all fans, the driver's default
     * without platform data ("emc2305_fan1".. with separate PWMs; emc2305_fan_name[] in the driver).
     */
    static final String EMC2305_COOLING_TYPE = "emc2305_fan";
    private static final Logger LOG = LoggerFactory.getLogger(HwmonFan.class);

    /** Where the fan is now: its hwmon device, and the files and record key that follow from it. */
    private record Output(HwmonDevice device, Path pwm, Path input, String fanKey) {
        static Output of(HwmonDevice device, int channel) {
            return new Output(device, device.attribute("pwm" + channel), device.attribute("fan" + channel + "_input"),
                    ZoneTakeover.fanKey(device, channel));
        }
    }

    private final Sysfs sysfs;
    private final int channel;
    private final String deviceSelector;
    private Output output;
    private final boolean tachometer;
    private final StallDetector stall;
    private final String id;
    private final ZoneTakeover zones;
    private final boolean kernelOwned;
    private final boolean observeOnly;
    private final TakeoverRecords records;
    private Integer written;
    private long conflicts;
    private boolean yielded;
    /** Why the last write failed; while set, the zones are the kernel's again and each apply tries to take it back. */
    private volatile HalException lost;
    /** Held as long as this pifan drives the fan; the process exit releases it. */
    private Optional<ProcessLock> lock = Optional.empty();

    private HwmonFan(Sysfs sysfs, HwmonDevice device, String deviceSelector, int channel, StallDetector stall,
            ZoneTakeover zones, boolean kernelOwned, boolean observeOnly, TakeoverRecords records) {
        this.sysfs = sysfs;
        this.channel = channel;
        this.deviceSelector = deviceSelector;
        this.output = Output.of(device, channel);
        // gpio-fan's fan1_input is the speed map's rpm for the step it set (show_rpm in
        // drivers/hwmon/gpio-fan.c), not a measurement: a dead fan would read as running
        this.tachometer = sysfs.exists(output.input()) && !GPIO_FAN_NAME.equals(device.name());
        this.stall = tachometer ? stall : StallDetector.disabled();
        this.id = (device.name().isEmpty() ? device.entry() : device.name()) + "/pwm" + channel;
        this.zones = zones;
        this.kernelOwned = kernelOwned;
        this.observeOnly = observeOnly;
        this.records = records;
    }

    /**
     * Finds the hwmon device named {@code name} (narrowed by {@code deviceSelector} when several
     * exist) and takes {@code pwm<channel>} from the kernel the {@code auto} way.
     */
    public static HwmonFan open(Sysfs sysfs, String name, String deviceSelector, int channel, StallDetector stall)
            throws HalException {
        return open(sysfs, name, deviceSelector, channel, stall, Takeover.AUTO, TakeoverRecords.none());
    }

    /** As above, keeping what the kernel had in {@code records} until it is handed back. */
    public static HwmonFan open(Sysfs sysfs, String name, String deviceSelector, int channel, StallDetector stall,
            Takeover takeover, TakeoverRecords records) throws HalException {
        List<HwmonDevice> found = HwmonDevice.find(sysfs, name, deviceSelector);
        if (found.isEmpty()) {
            throw new HalException(Kind.NOT_FOUND, "no hwmon device named '" + name + "'"
                    + (deviceSelector == null || deviceSelector.isBlank() ? "" : " on device '" + deviceSelector + "'")
                    + " under " + sysfs.path(HwmonDevice.CLASS_DIR) + "; present: "
                    + HwmonDevice.list(sysfs).stream().map(HwmonDevice::describe).toList());
        }
        if (found.size() > 1) {
            throw new HalException(Kind.WRONG_DEVICE, "several hwmon devices are named '" + name + "': "
                    + found.stream().map(HwmonDevice::describe).toList() + "; pick one with device: in the config");
        }
        return open(sysfs, found.get(0), deviceSelector, channel, stall, takeover, records);
    }

    public static HwmonFan open(Sysfs sysfs, HwmonDevice device, int channel, StallDetector stall, Takeover takeover,
            TakeoverRecords records) throws HalException {
        return open(sysfs, device, null, channel, stall, takeover, records);
    }

    private static HwmonFan open(Sysfs sysfs, HwmonDevice device, String deviceSelector, int channel,
            StallDetector stall, Takeover takeover, TakeoverRecords records) throws HalException {
        Path pwm = device.attribute("pwm" + channel);
        if (!sysfs.exists(pwm)) {
            throw new HalException(Kind.NOT_FOUND, pwm + " does not exist: " + device.describe()
                    + " has no PWM output " + channel);
        }
        List<ThermalZone> owners = ZoneTakeover.owners(sysfs, coolingType(device.name()), records);
        if (takeover == Takeover.NONE) {
            // observing takes no lock: it writes nothing a daemon could be disturbed by
            // observe only: not one write, not even the permission check below
            return new HwmonFan(sysfs, device, deviceSelector, channel, stall, ZoneTakeover.nothing(sysfs),
                    !owners.isEmpty(), true, records);
        }
        // before the first write: a second pifan on this fan must not touch it, nor the first one's records
        Optional<ProcessLock> lock = lockFan(records, device, channel);
        // written before the zones are taken: a permission problem shows at start, with the zone untouched
        sysfs.write(pwm, sysfs.read(pwm));
        records.remember(ZoneTakeover.fanKey(device, channel), "driven");
        ZoneTakeover zones = ZoneTakeover.take(sysfs, owners, takeover, records);
        releaseThermalMinimum(sysfs, device);
        HwmonFan fan = new HwmonFan(sysfs, device, deviceSelector, channel, stall, zones, !owners.isEmpty(), false,
                records);
        fan.lock = lock;
        return fan;
    }

    /**
     * The fan's lock, keyed by what identifies the fan across a renumbering (its hwmon name, the
     * device behind it and the channel), not by hwmonN.
     */
    private static Optional<ProcessLock> lockFan(TakeoverRecords records, HwmonDevice device, int channel)
            throws HalException {
        String identity = ("fan-" + device.name() + "-" + device.device().displayName() + "-pwm" + channel)
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            return records.lock(identity);
        } catch (HalException e) {
            if (e.kind() == Kind.BUSY) {
                throw new HalException(Kind.BUSY, "fan " + device.describe() + " pwm" + channel + " is " + e.getMessage()
                        + ": another pifan drives it; stop that one first", e);
            }
            throw e;
        }
    }

    /**
     * emc2305 takes an hwmon {@code pwm1} write as a minimum: the drive register becomes the larger
     * of the hwmon state and the last state thermal set on its cooling device, and a lower write is
     * dropped without an error (drivers/hwmon/emc2305.c, {@code emc2305_write} and
     * {@code __emc2305_set_cur_state}; "pwm can rise but cannot decrease", raspberrypi/linux#5681).
     * A zone pifan took leaves its last state there, so pifan could never run the fan slower than
     * the kernel last wanted. Setting that state to 0 through the cooling device's
     * {@code cur_state} releases it; the register then holds pifan's last write (max(hwmon, 0)), so
     * the fan never drops below what pifan asked on the way.
     */
    private static void releaseThermalMinimum(Sysfs sysfs, HwmonDevice device) throws HalException {
        if (!EMC2305_NAME.equals(device.name())) {
            return;
        }
        long chips = HwmonDevice.list(sysfs).stream().filter(d -> EMC2305_NAME.equals(d.name())).count();
        if (chips > 1) {
            // a cooling device does not say which chip it belongs to: never release another chip's
            LOG.warn("fan {}: {} emc2305 chips; their kernel minimum is left alone, so pifan cannot run this fan"
                    + " slower than the kernel last set it", device.describe(), chips);
            return;
        }
        for (Path cdev : sysfs.list(sysfs.path(ThermalZone.CLASS_DIR))) {
            if (cdev.getFileName().toString().startsWith("cooling_device")
                    && sysfs.readIfExists(cdev.resolve("type")).orElse("").startsWith(EMC2305_COOLING_TYPE)) {
                sysfs.write(cdev.resolve("cur_state"), 0);
                LOG.info("fan {}: released emc2305's thermal minimum ({} cur_state 0)", device.describe(),
                        cdev.getFileName());
            }
        }
    }

    @Override
    public java.util.OptionalDouble kernelCriticalC() {
        return observeOnly || yielded ? java.util.OptionalDouble.empty() : zones.disabledCriticalC();
    }

    @Override
    public void yieldAtCritical() throws HalException {
        if (observeOnly || yielded) {
            return;
        }
        handBack();
        yielded = true;
    }

    /** The type the kernel gives this driver's cooling device ({@code cooling_deviceN/type}). */
    static String coolingType(String hwmonName) {
        return switch (hwmonName) {
            case PWM_FAN_NAME -> "pwm-fan";
            case GPIO_FAN_NAME -> "gpio-fan";
            case EMC2305_NAME -> EMC2305_COOLING_TYPE;
            default -> hwmonName;
        };
    }

    public HwmonDevice device() {
        return output.device();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public FanOwner owner() {
        if (yielded) {
            return FanOwner.KERNEL;
        }
        if (!kernelOwned) {
            return FanOwner.PIFAN;
        }
        return observeOnly ? FanOwner.KERNEL : FanOwner.takenFromKernel(zones.describe());
    }

    @Override
    public Optional<Duty> driven() {
        Integer pwm = written;
        return pwm == null ? Optional.empty() : Optional.of(Duty.ofPwm(pwm));
    }

    @Override
    public long conflicts() {
        return conflicts;
    }

    /**
     * Drives the fan. A write that fails hands the fan to the kernel: the zones get back what they
     * had (the kernel's governor can still run it, pifan cannot), and the failure is thrown. Each
     * later call tries to take it back: the hwmon device found again by name (a driver re-probe
     * may renumber it, hwmon2 to hwmon4), the duty written, the zones taken again.
     */
    @Override
    public void apply(Duty duty) throws HalException {
        if (observeOnly || yielded) {
            return;
        }
        if (lost != null) {
            takeBack(duty);
            return;
        }
        try {
            drive(output, duty);
        } catch (HalException e) {
            throw handToKernel(e);
        }
    }

    private void drive(Output at, Duty duty) throws HalException {
        if (written != null) {
            int found = (int) sysfs.readInteger(at.pwm(), 0, 255);
            if (found != written) {
                conflicts++;
                List<String> retaken = zones.reassert();
                releaseThermalMinimum(sysfs, at.device());
                if (conflicts == 1 || !retaken.isEmpty()) {
                    LOG.warn("fan {}: pwm set to {} by someone else (pifan wrote {}){}; counted in"
                            + " pifan_fan_conflicts_total, logged once", id, found, written,
                            retaken.isEmpty() ? "" : "; took back " + String.join(", ", retaken));
                }
            }
        }
        sysfs.write(at.pwm(), duty.toPwm());
        // what the driver made of the write: gpio-fan keeps only its speed steps (100 reads back as
        // 255 with two speeds), so the next tick compares against the kernel's rounding, not ours
        written = (int) sysfs.readInteger(at.pwm(), 0, 255);
        stall.applied(duty);
    }

    private HalException handToKernel(HalException failure) {
        written = null;
        String given = zones.describeGivenBack();
        if (zones.any()) {
            try {
                zones.handBack();
            } catch (HalException e) {
                LOG.error("fan {}: could not give the zones back after a failed write: {}", id, e.getMessage());
            }
            records.forget(output.fanKey());
        }
        lost = failure;
        String message = failure.getMessage() + (zones.any()
                ? "; handed to the kernel (" + given + ") until pifan can write " + output.pwm() + " again"
                : "; nobody else drives it: retried every tick");
        LOG.error("fan {}: {}", id, message);
        return new HalException(failure.kind(), message, failure);
    }

    private void takeBack(Duty duty) throws HalException {
        Output at;
        try {
            at = findAgain();
            written = null;
            drive(at, duty);
        } catch (HalException e) {
            lost = e;
            throw new HalException(e.kind(), e.getMessage()
                    + (zones.any() ? "; the kernel drives the fan until pifan can again" : ""), e);
        }
        if (!at.equals(output)) {
            LOG.warn("fan {}: found again as {} (was {})", id, at.device().describe(), output.device().entry());
            records.forget(output.fanKey());
            output = at;
        }
        records.remember(output.fanKey(), "driven");
        zones.retake();
        lost = null;
        LOG.info("fan {}: pifan drives it again{}", id, zones.any() ? " (taken from the kernel: " + zones.describe() + ")" : "");
    }

    /** What the end of the process does to the fan's lock: for tests that play a SIGKILL inside one JVM. */
    void releaseLock() {
        lock.ifPresent(ProcessLock::close);
    }

    /** The fan where it was, or where its hwmon device is now (found by name, as at open). */
    private Output findAgain() throws HalException {
        String name = output.device().name();
        if (sysfs.exists(output.pwm()) && sysfs.readIfExists(output.device().attribute("name")).orElse("").equals(name)) {
            return output;
        }
        List<HwmonDevice> found = HwmonDevice.find(sysfs, name, deviceSelector);
        if (found.size() != 1) {
            throw new HalException(Kind.NOT_FOUND, "fan " + id + " is gone: " + found.size() + " hwmon devices named '"
                    + name + "' under " + sysfs.path(HwmonDevice.CLASS_DIR) + " (it was " + output.device().entry() + ")");
        }
        return Output.of(found.get(0), channel);
    }

    @Override
    public Optional<String> handedToKernel() {
        HalException why = lost;
        return why != null && zones.any() ? Optional.of(why.getMessage()) : Optional.empty();
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
        int rpm = (int) sysfs.readInteger(output.input(), 0, 100_000);
        stall.check(id, rpm);
        return OptionalInt.of(rpm);
    }

    /**
     * Full speed first, then the zones get back what they had. True when the kernel drives the fan
     * now (it had it before, and still has it when pifan only observed); false when nobody else
     * does, and the caller must leave it in a safe state itself.
     */
    @Override
    public boolean handBack() throws HalException {
        if (observeOnly) {
            return kernelOwned;
        }
        if (yielded) {
            return true;
        }
        if (lost != null) {
            // the zones are the kernel's already; full speed is still worth a try where it drives nothing
            try {
                sysfs.write(output.pwm(), 255);
            } catch (HalException e) {
                LOG.warn("fan {}: full speed at exit could not be written either: {}", id, e.getMessage());
            }
            return zones.any();
        }
        sysfs.write(output.pwm(), 255);
        // the exit path may apply full speed after this: compare with this write, not the last tick's
        written = (int) sysfs.readInteger(output.pwm(), 0, 255);
        zones.handBack();
        records.forget(output.fanKey());
        return zones.any();
    }
}
