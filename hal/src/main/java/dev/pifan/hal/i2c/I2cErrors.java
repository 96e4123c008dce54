package dev.pifan.hal.i2c;

import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;

/**
 * Turns the errno of a failed SMBus transfer into a {@link HalException} an operator can act on.
 * Shared by the library adapters so that a NACK reads the same through diozero and Pi4J.
 */
public final class I2cErrors {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int ETIMEDOUT = 110;
    public static final int EREMOTEIO = 121;

    private I2cErrors() {
    }

    /**
     * @param operation what was being done, e.g. {@code reading register 0xfd}
     * @param errno the positive errno, or 0 when the library did not say
     */
    public static HalException fromErrno(String bus, int address, String operation, int errno, String detail) {
        String where = bus + " address " + I2cBus.hex(address) + ", " + operation;
        String suffix = detail == null || detail.isBlank() ? "" : " (" + detail.strip() + ")";
        return switch (errno) {
            case EREMOTEIO, ENXIO -> nack(bus, address, operation);
            case ETIMEDOUT -> new HalException(Kind.TIMEOUT, where + ": the device did not answer in time"
                    + " (bus stuck or clock-stretching too long)" + suffix);
            case EBUSY -> new HalException(Kind.IO_ERROR, where + ": the address is claimed by a kernel driver;"
                    + " use the hwmon files it provides (fan driver: hwmon) or remove its dtoverlay" + suffix);
            case EACCES, EPERM -> new HalException(Kind.PERMISSION_DENIED, where + ": permission denied on /dev/"
                    + bus + ": add the pifan user to group i2c or run as root" + suffix);
            case ENOENT, ENODEV -> missingBus(bus);
            case EIO -> new HalException(Kind.IO_ERROR, where + ": I/O error (EIO) on the bus: check wiring and"
                    + " pull-ups" + suffix);
            default -> new HalException(Kind.IO_ERROR, where + ": failed" + (errno > 0 ? " (errno " + errno + ")" : "")
                    + suffix);
        };
    }

    /** Nothing acknowledged the address: the usual sign of a wrong address, a wrong bus or no power. */
    public static HalException nack(String bus, int address, String operation) {
        return new HalException(Kind.IO_ERROR, bus + " address " + I2cBus.hex(address) + ", " + operation
                + ": no acknowledgement (NACK): is the device powered and at this address? `i2cdetect -y "
                + busNumber(bus) + "` lists what answers");
    }

    /** {@code /dev/i2c-N} is absent: the bus is not enabled in config.txt. */
    public static HalException missingBus(String bus) {
        return new HalException(Kind.NOT_FOUND, "/dev/" + bus + " does not exist: " + enableHint(bus));
    }

    /** What to put in config.txt for this bus, as a sentence. */
    public static String enableHint(String bus) {
        String line = configLine(bus);
        String suffix = busNumber(bus).equals("1") ? " (Talos: the overlay's configTxtAppend)" : "";
        return "enable it with " + line + " in config.txt" + suffix + " and reboot";
    }

    /** The config.txt line that creates this bus. */
    public static String configLine(String bus) {
        String number = busNumber(bus);
        return switch (number) {
            case "1" -> "dtparam=i2c_arm=on";
            case "10", "0" -> "dtparam=i2c_vc=on";
            default -> "dtoverlay=i2c" + number;
        };
    }

    private static String busNumber(String bus) {
        return bus.startsWith("i2c-") ? bus.substring(4) : bus;
    }
}
