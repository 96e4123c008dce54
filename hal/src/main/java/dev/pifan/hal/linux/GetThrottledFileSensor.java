package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.ThrottleFlags;
import dev.pifan.hal.ThrottleSensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The firmware throttle word from the Raspberry Pi kernel's {@code get_throttled} file (hex without
 * {@code 0x}). Knows every bit.
 *
 * <p>raspberrypi/linux drivers/firmware/raspberrypi.c adds the attribute to the firmware device
 * ({@code rpi_register_hwmon_driver}: {@code devm_device_add_group(dev, &rpi_firmware_dev_group)})
 * when the firmware answers GET_THROTTLED; mainline (torvalds/linux) has no such attribute, only
 * the {@code rpi_volt} hwmon device. The firmware node is a child of the {@code soc} bus node, and
 * the device is named after both ({@code of_device_make_bus_id}, drivers/of/platform.c): the Pi 4's
 * {@code soc} gives {@link #PI4_PATH}, the Pi 5's {@code soc@107c000000} (bcm2712.dtsi, firmware
 * under {@code &soc} in bcm2712-rpi-5-b.dts) gives {@link #PI5_PATH}. Any other
 * {@code /sys/devices/platform/X/X:firmware/get_throttled} is tried too, and the config may pin a path.
 */
public final class GetThrottledFileSensor implements ThrottleSensor {

    public static final String PI4_PATH = "/sys/devices/platform/soc/soc:firmware/get_throttled";
    public static final String PI5_PATH =
            "/sys/devices/platform/soc@107c000000/soc@107c000000:firmware/get_throttled";

    private final Sysfs sysfs;
    private final Path file;

    private GetThrottledFileSensor(Sysfs sysfs, Path file) {
        this.sysfs = sysfs;
        this.file = file;
    }

    /** The first candidate path that exists. */
    public static Optional<Path> locate(Sysfs sysfs) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(sysfs.path(PI4_PATH));
        // every soc-like bus: the Pi 5's PI5_PATH among them
        for (Path platformChild : sysfs.list(sysfs.path("/sys/devices/platform"))) {
            String name = platformChild.getFileName().toString();
            candidates.add(platformChild.resolve(name + ":firmware").resolve("get_throttled"));
        }
        return candidates.stream().filter(sysfs::exists).findFirst();
    }

    /** @param hostPath a path pinned in the config, or null to locate it */
    public static GetThrottledFileSensor open(Sysfs sysfs, String hostPath) throws HalException {
        Path file;
        if (hostPath != null && !hostPath.isBlank()) {
            file = sysfs.path(hostPath);
        } else {
            file = locate(sysfs).orElseThrow(() -> new HalException(Kind.NOT_FOUND, "no get_throttled file under "
                    + sysfs.path("/sys/devices/platform") + ": " + SysfsErrors.missingHint("get_throttled")));
        }
        GetThrottledFileSensor sensor = new GetThrottledFileSensor(sysfs, file);
        sensor.read();
        return sensor;
    }

    public Path file() {
        return file;
    }

    @Override
    public String id() {
        return "get_throttled";
    }

    @Override
    public ThrottleFlags read() throws HalException {
        return SysfsText.throttleWord(file.toString(), sysfs.read(file));
    }
}
