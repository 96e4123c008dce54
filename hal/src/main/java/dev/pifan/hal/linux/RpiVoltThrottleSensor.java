package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleCondition;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.nio.file.Path;
import java.util.List;

/**
 * Under-voltage from the {@code rpi_volt} hwmon device's {@code in0_lcrit_alarm} (mainline and
 * Raspberry Pi kernels; the only throttle source on Talos). It tells "under-voltage now" and
 * nothing else: its readings know only bit 0x1, every other bit stays unknown.
 */
public final class RpiVoltThrottleSensor implements ThrottleSensor {

    public static final String HWMON_NAME = "rpi_volt";
    public static final int KNOWN_MASK = ThrottleCondition.UNDER_VOLTAGE.nowBit();

    private final Sysfs sysfs;
    private final Path alarm;

    private RpiVoltThrottleSensor(Sysfs sysfs, Path alarm) {
        this.sysfs = sysfs;
        this.alarm = alarm;
    }

    public static RpiVoltThrottleSensor open(Sysfs sysfs) throws HalException {
        List<HwmonDevice> found = HwmonDevice.find(sysfs, HWMON_NAME, null);
        if (found.isEmpty()) {
            throw new HalException(Kind.NOT_FOUND, "no hwmon device named rpi_volt under "
                    + sysfs.path(HwmonDevice.CLASS_DIR) + ": the kernel lacks the Raspberry Pi voltage monitor");
        }
        RpiVoltThrottleSensor sensor = new RpiVoltThrottleSensor(sysfs, found.get(0).attribute("in0_lcrit_alarm"));
        sensor.read();
        return sensor;
    }

    @Override
    public String id() {
        return "rpi_volt";
    }

    @Override
    public ThrottleFlags read() throws HalException {
        boolean underVoltage = SysfsText.flag(alarm.toString(), sysfs.read(alarm));
        return new ThrottleFlags(underVoltage ? KNOWN_MASK : 0, KNOWN_MASK);
    }
}
