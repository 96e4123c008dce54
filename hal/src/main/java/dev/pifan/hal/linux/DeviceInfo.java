package dev.pifan.hal.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the kernel says about the device behind a class entry ({@code hwmonN/device},
 * {@code pwmchipN/device}): the link's target name when it is a link ({@code fe20c000.pwm},
 * {@code cooling_fan}), and the {@code uevent} fields {@code DRIVER}, {@code OF_NAME},
 * {@code OF_FULLNAME} and {@code OF_COMPATIBLE_n}.
 *
 * <p>Reading {@code device/uevent} works whether {@code device} is a real symlink (sysfs) or a
 * plain directory (the fixture trees), which is why the fixtures need no symlinks.
 */
public record DeviceInfo(String linkName, String driver, String ofName, String ofFullName, List<String> compatible) {

    public static final DeviceInfo NONE = new DeviceInfo("", "", "", "", List.of());

    public DeviceInfo {
        compatible = List.copyOf(compatible);
    }

    /** Reads {@code <entry>/device}; absent or unreadable parts are empty strings. */
    public static DeviceInfo of(Sysfs sysfs, Path classEntry) {
        return ofDevice(sysfs, classEntry.resolve("device"));
    }

    /** Reads the device directory (or link to one) itself. */
    public static DeviceInfo ofDevice(Sysfs sysfs, Path device) {
        if (!sysfs.exists(device)) {
            return NONE;
        }
        String link = sysfs.linkName(device).orElse("");
        String driver = "";
        String ofName = "";
        String ofFullName = "";
        List<String> compatible = new ArrayList<>();
        String uevent;
        try {
            uevent = sysfs.readIfExists(device.resolve("uevent")).orElse("");
        } catch (dev.pifan.hal.HalException e) {
            uevent = "";
        }
        for (String line : uevent.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("DRIVER")) {
                driver = value;
            } else if (key.equals("OF_NAME")) {
                ofName = value;
            } else if (key.equals("OF_FULLNAME")) {
                ofFullName = value;
            } else if (key.startsWith("OF_COMPATIBLE_") && !key.equals("OF_COMPATIBLE_N")) {
                compatible.add(value);
            }
        }
        if (driver.isEmpty()) {
            driver = sysfs.linkName(device.resolve("driver")).orElse("");
        }
        return new DeviceInfo(link, driver, ofName, ofFullName, compatible);
    }

    /** Whether a config selector names this device by link name, driver, node name, full path or compatible. */
    public boolean matches(String selector) {
        String wanted = selector.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return false;
        }
        if (equal(linkName, wanted) || equal(driver, wanted) || equal(ofName, wanted) || equal(ofFullName, wanted)) {
            return true;
        }
        for (String c : compatible) {
            if (equal(c, wanted)) {
                return true;
            }
        }
        // "fe20c000.pwm" names the same device as OF_FULLNAME "/soc/pwm@7e20c000" only through the bus
        // address map; match the unit address's low digits so either spelling from the docs works.
        int at = ofFullName.lastIndexOf('@');
        if (at >= 0 && wanted.endsWith(".pwm")) {
            String unit = ofFullName.substring(at + 1).toLowerCase(Locale.ROOT);
            String given = wanted.substring(0, wanted.length() - 4);
            return unit.length() >= 5 && given.length() >= 5
                    && unit.substring(unit.length() - 5).equals(given.substring(given.length() - 5));
        }
        return false;
    }

    /** The most specific name there is, for reports: the link name, else the node name, else the driver. */
    public String displayName() {
        if (!linkName.isEmpty()) {
            return linkName;
        }
        if (!ofName.isEmpty()) {
            return ofName;
        }
        return driver;
    }

    private static boolean equal(String a, String lowerB) {
        return !a.isEmpty() && a.toLowerCase(Locale.ROOT).equals(lowerB);
    }
}
