package dev.pifan.hal.linux;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one place where an {@link IOException} from a sysfs, procfs or device file becomes a
 * {@link HalException}: the kind the control loop counts, and a message that names the path and
 * says what to do about it.
 */
public final class SysfsErrors {

    private SysfsErrors() {
    }

    /**
     * @param value the value being written, or null for a read
     */
    public static HalException translate(Path path, String value, IOException e) {
        String doing = value == null ? "reading " + path : "writing '" + value + "' to " + path;
        String reason = reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (e instanceof NoSuchFileException) {
            return new HalException(Kind.NOT_FOUND, path + " does not exist: " + missingHint(path.toString()), e);
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("operation not permitted")) {
            return new HalException(Kind.PERMISSION_DENIED, "permission denied " + doing + ": "
                    + accessHint(path.toString()), e);
        }
        if (lower.contains("read-only file system")) {
            return new HalException(Kind.PERMISSION_DENIED, doing + " failed: read-only file system; in a container,"
                    + " mount the host's /sys read-write (privileged: true)", e);
        }
        if (lower.contains("input/output error")) {
            return new HalException(Kind.IO_ERROR, doing + " failed with an I/O error (EIO): the driver could not"
                    + " reach the device; see dmesg", e);
        }
        if (lower.contains("invalid argument")) {
            return new HalException(Kind.IO_ERROR, doing + " failed: the driver refused the value (EINVAL)", e);
        }
        if (lower.contains("device or resource busy")) {
            return new HalException(Kind.IO_ERROR, doing + " failed: busy (EBUSY): another program or a kernel"
                    + " driver uses it", e);
        }
        if (lower.contains("no such device")) {
            return new HalException(Kind.NOT_FOUND, doing + " failed: the device is gone (ENODEV): "
                    + missingHint(path.toString()), e);
        }
        if (lower.contains("timed out")) {
            return new HalException(Kind.TIMEOUT, doing + " timed out: the device did not answer", e);
        }
        return new HalException(Kind.IO_ERROR, doing + " failed: " + reason, e);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Who may write this path and how to get there. */
    public static String accessHint(String path) {
        if (path.contains("/hwmon")) {
            return "hwmon files are root-only by default: run pifan as root or install the udev rule from systemd/";
        }
        if (path.contains("/pwm")) {
            return "run pifan as root, or add its user to group gpio (Raspberry Pi OS udev rules on a Pi 4)"
                    + " or install the udev rule from systemd/";
        }
        if (path.contains("/dev/i2c-")) {
            return "add the pifan user to group i2c or run as root";
        }
        if (path.contains("/dev/gpiochip")) {
            return "add the pifan user to group gpio or run as root";
        }
        if (path.contains("/dev/vcio")) {
            return "add the pifan user to group video or run as root";
        }
        if (path.contains("/sys/")) {
            return "run pifan as root or grant access with the udev rule from systemd/; in a container,"
                    + " mount the host's /sys read-write";
        }
        return "run pifan as root or grant its user access";
    }

    /** What usually makes this path exist. */
    public static String missingHint(String path) {
        if (path.contains("/class/pwm")) {
            return "enable a hardware PWM with dtoverlay=pwm,pin=18,func=2 (or dtoverlay=pwm-2chan) in config.txt"
                    + " and reboot";
        }
        if (path.contains("/dev/i2c-")) {
            String bus = path.substring(path.lastIndexOf("/dev/") + 5);
            return dev.pifan.hal.i2c.I2cErrors.enableHint(bus);
        }
        if (path.contains("get_throttled")) {
            return "only Raspberry Pi kernels have it; use throttle driver vcgencmd or rpi-volt";
        }
        if (path.contains("/class/thermal")) {
            return "no such thermal zone; `pifan probe` lists the zones this kernel has";
        }
        if (path.contains("/class/hwmon")) {
            return "no such hwmon device or attribute; `pifan probe` lists what exists";
        }
        if (path.contains("device-tree")) {
            return "no device tree: not a Raspberry Pi, or /proc is not the host's (set the root)";
        }
        return "check the root (--root) and the config";
    }
}
