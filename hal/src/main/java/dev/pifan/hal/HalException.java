package dev.pifan.hal;

/**
 * A board operation failed. The message is written for the operator: it names the device or path
 * and, where one exists, the fix ("permission denied on /sys/class/hwmon/hwmon2/pwm1: run as root
 * or install the udev rule from systemd/").
 *
 * <p>The control loop turns every HalException into its fail-safe rules; nothing in the hal
 * reports a failure as a magic value.
 */
public class HalException extends Exception {

    /** What kind of failure, so callers can count and explain without parsing messages. */
    public enum Kind {
        /** The device or file does not exist. */
        NOT_FOUND,
        /** The device exists but this process may not use it. */
        PERMISSION_DENIED,
        /** The device answered with an I/O error (EIO, I2C NACK, a failed write). */
        IO_ERROR,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The device answered with something that cannot be a real value. */
        IMPLAUSIBLE,
        /** The device is not the one the configuration named (wrong chip id, wrong driver). */
        WRONG_DEVICE,
        /** The operation is not supported by this device or backend. */
        UNSUPPORTED,
        /** Another process holds the device (a second pifan on the same fan). */
        BUSY
    }

    private final Kind kind;

    public HalException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HalException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
