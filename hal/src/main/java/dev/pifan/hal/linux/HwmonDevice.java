package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /sys/class/hwmon/hwmonN}: its {@code name} ({@code pwmfan}, {@code cpu_thermal},
 * {@code rpi_volt}, {@code emc2305}) and the device behind it. Found by name, never by number.
 */
public record HwmonDevice(Path directory, String entry, String name, DeviceInfo device) {

    static final String CLASS_DIR = "/sys/class/hwmon";

    public static List<HwmonDevice> list(Sysfs sysfs) {
        List<HwmonDevice> devices = new ArrayList<>();
        for (Path dir : sysfs.list(sysfs.path(CLASS_DIR))) {
            String entry = dir.getFileName().toString();
            if (!entry.startsWith("hwmon")) {
                continue;
            }
            String name;
            try {
                name = sysfs.readIfExists(dir.resolve("name")).orElse("");
            } catch (HalException e) {
                name = "";
            }
            devices.add(new HwmonDevice(dir, entry, name, DeviceInfo.of(sysfs, dir)));
        }
        return devices;
    }

    /** The devices with this name, optionally narrowed by a device selector (see {@link DeviceInfo#matches}). */
    public static List<HwmonDevice> find(Sysfs sysfs, String name, String deviceSelector) {
        return list(sysfs).stream()
                .filter(d -> d.name().equals(name))
                .filter(d -> deviceSelector == null || deviceSelector.isBlank() || d.device().matches(deviceSelector))
                .toList();
    }

    public Path attribute(String attribute) {
        return directory.resolve(attribute);
    }

    /** {@code hwmon2 (pwmfan, cooling_fan)}, for reports. */
    public String describe() {
        String device = this.device.displayName();
        return entry + " (" + (name.isEmpty() ? "unnamed" : name) + (device.isEmpty() ? "" : ", " + device) + ")";
    }
}
