package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.TemperatureSensor;
import java.nio.file.Path;
import java.util.List;

/**
 * A temperature from an hwmon {@code tempN_input} (millidegrees), the device found by its
 * {@code name}. With CONFIG_THERMAL_HWMON the SoC zone appears as hwmon {@code cpu_thermal}.
 */
public final class HwmonTemperatureSensor implements TemperatureSensor {

    public static final String DEFAULT_NAME = "cpu_thermal";

    private final Sysfs sysfs;
    private final HwmonDevice device;
    private final Path input;
    private final String id;

    private HwmonTemperatureSensor(Sysfs sysfs, HwmonDevice device, int index) {
        this.sysfs = sysfs;
        this.device = device;
        this.input = device.attribute("temp" + index + "_input");
        this.id = device.name() + "/temp" + index;
    }

    public static HwmonTemperatureSensor open(Sysfs sysfs, String name, int index) throws HalException {
        List<HwmonDevice> found = HwmonDevice.find(sysfs, name, null);
        if (found.isEmpty()) {
            throw new HalException(Kind.NOT_FOUND, "no hwmon device named '" + name + "' under "
                    + sysfs.path(HwmonDevice.CLASS_DIR) + "; names present: "
                    + HwmonDevice.list(sysfs).stream().map(HwmonDevice::name).toList());
        }
        HwmonTemperatureSensor sensor = new HwmonTemperatureSensor(sysfs, found.get(0), index);
        sensor.readCelsius();
        return sensor;
    }

    public HwmonDevice device() {
        return device;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double readCelsius() throws HalException {
        return SysfsText.millidegrees(input.toString(), sysfs.read(input));
    }
}
