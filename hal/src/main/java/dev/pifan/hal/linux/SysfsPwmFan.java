package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.FanWithoutTachometer;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.MonotonicClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A fan on a hardware PWM channel through {@code /sys/class/pwm}: export, wait for the channel
 * directory (udev creates and chowns it a moment later), period from the frequency, polarity,
 * duty, enable; on {@link #close()} the channel stays exported and running at its last duty (the
 * exit state the daemon set: full speed), unless the settings ask to unexport it.
 *
 * <p>The channel starts at 100% duty: until the control loop's first tick, full speed is the
 * safe state. The period is always written before the duty cycle (the kernel refuses a duty
 * longer than the period), and a leftover duty longer than the new period is cleared first.
 */
public final class SysfsPwmFan implements FanWithoutTachometer, AutoCloseable {

    public static final int DEFAULT_FREQUENCY_HZ = 25_000;
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    public enum Polarity {
        NORMAL, INVERSED;

        /** The word sysfs uses. */
        public String sysfsName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param unexportOnClose unexport the channel at close (only one this fan exported itself).
     *     Off by default: unexporting disables the PWM output, which stops most fans, and pifan
     *     never leaves a fan off. Left exported, the channel keeps the exit state's full duty.
     */
    public record Settings(int channel, int frequencyHz, Polarity polarity, boolean unexportOnClose,
            Duration exportTimeout) {

        public Settings {
            if (channel < 0) {
                throw new IllegalArgumentException("pwm channel " + channel + " is negative");
            }
            if (frequencyHz < 1 || frequencyHz > 1_000_000) {
                throw new IllegalArgumentException("pwm frequency " + frequencyHz + " Hz outside 1 Hz..1 MHz");
            }
        }

        public static Settings of(int channel) {
            return new Settings(channel, DEFAULT_FREQUENCY_HZ, Polarity.NORMAL, false, DEFAULT_EXPORT_TIMEOUT);
        }

        public long periodNanos() {
            return Math.round(1_000_000_000.0 / frequencyHz);
        }
    }

    private final Sysfs sysfs;
    private final PwmChip chip;
    private final Settings settings;
    private final Path channelDir;
    private final Path dutyCycle;
    private final boolean exportedByUs;
    private final long period;
    private boolean closed;

    private SysfsPwmFan(Sysfs sysfs, PwmChip chip, Settings settings, Path channelDir, boolean exportedByUs) {
        this.sysfs = sysfs;
        this.chip = chip;
        this.settings = settings;
        this.channelDir = channelDir;
        this.dutyCycle = channelDir.resolve("duty_cycle");
        this.exportedByUs = exportedByUs;
        this.period = settings.periodNanos();
    }

    public static SysfsPwmFan open(Sysfs sysfs, PwmChip chip, Settings settings, MonotonicClock clock,
            Sleeper sleeper) throws HalException {
        int channel = settings.channel();
        if (chip.npwm() > 0 && channel >= chip.npwm()) {
            throw new HalException(Kind.NOT_FOUND, chip.describe() + " has " + chip.npwm() + " channel"
                    + (chip.npwm() == 1 ? "" : "s") + "; channel " + channel + " does not exist");
        }
        Path channelDir = chip.directory().resolve("pwm" + channel);
        boolean exportedByUs = false;
        if (!sysfs.isDirectory(channelDir)) {
            try {
                sysfs.write(chip.directory().resolve("export"), channel);
                exportedByUs = true;
            } catch (HalException e) {
                if (!(e.kind() == Kind.IO_ERROR && e.getMessage().contains("EBUSY"))) {
                    throw e;
                }
                // EBUSY: exported by someone between our look and our write (use it as found), or
                // requested by a kernel driver, which no wait for udev will change
                List<PwmChip.Consumer> consumers = chip.consumers(sysfs);
                if (!sysfs.isDirectory(channelDir) && !consumers.isEmpty()) {
                    throw new HalException(Kind.PERMISSION_DENIED, chip.describe() + " channel " + channel + " is "
                            + PwmChip.heldBy(consumers), e);
                }
            }
        }
        SysfsPwmFan fan = new SysfsPwmFan(sysfs, chip, settings, channelDir, exportedByUs);
        try {
            fan.awaitChannel(clock, sleeper);
            fan.configure();
        } catch (HalException e) {
            fan.undoExport();
            throw e;
        }
        return fan;
    }

    /** Polls until udev has created the channel's files and made them writable, or the timeout passes. */
    private void awaitChannel(MonotonicClock clock, Sleeper sleeper) throws HalException {
        Path enable = channelDir.resolve("enable");
        Path periodFile = channelDir.resolve("period");
        long deadline = clock.nanos() + settings.exportTimeout().toNanos();
        while (true) {
            if (sysfs.exists(dutyCycle) && sysfs.exists(periodFile) && sysfs.exists(enable)
                    && sysfs.files().isWritable(dutyCycle) && sysfs.files().isWritable(enable)) {
                return;
            }
            if (clock.nanos() - deadline >= 0) {
                boolean appeared = sysfs.exists(dutyCycle);
                throw new HalException(appeared ? Kind.PERMISSION_DENIED : Kind.TIMEOUT, channelDir
                        + (appeared ? " appeared but is not writable " : " did not appear ")
                        + settings.exportTimeout().toMillis() + " ms after export: "
                        + (appeared ? SysfsErrors.accessHint(channelDir.toString())
                        : "is udev running, and does the kernel driver support this channel?"));
            }
            try {
                sleeper.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HalException(Kind.TIMEOUT, "interrupted while waiting for " + channelDir, e);
            }
        }
    }

    private void configure() throws HalException {
        Path enable = channelDir.resolve("enable");
        long currentDuty = sysfs.readInteger(dutyCycle, 0, Long.MAX_VALUE);
        if (currentDuty > period) {
            sysfs.write(dutyCycle, 0);
        }
        sysfs.write(channelDir.resolve("period"), period);
        Path polarity = channelDir.resolve("polarity");
        if (sysfs.exists(polarity)) {
            String wanted = settings.polarity().sysfsName();
            if (!sysfs.read(polarity).equals(wanted)) {
                // most drivers refuse a polarity change while the channel runs
                if (sysfs.read(enable).equals("1")) {
                    sysfs.write(enable, 0);
                }
                sysfs.write(polarity, wanted);
            }
        } else if (settings.polarity() == Polarity.INVERSED) {
            throw new HalException(Kind.UNSUPPORTED, chip.describe() + " has no polarity file: it cannot invert;"
                    + " use polarity: normal");
        }
        sysfs.write(dutyCycle, period);
        sysfs.write(enable, 1);
    }

    public PwmChip chip() {
        return chip;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether {@link #close()} unexports: only a channel this fan exported itself is ever unexported. */
    public boolean willUnexport() {
        return exportedByUs && settings.unexportOnClose();
    }

    @Override
    public String id() {
        return chip.selector() + "/pwm" + settings.channel();
    }

    @Override
    public void apply(Duty duty) throws HalException {
        if (closed) {
            throw new HalException(Kind.IO_ERROR, id() + " is closed");
        }
        sysfs.write(dutyCycle, Math.round(duty.ratio() * period));
    }


    @Override
    public void close() throws HalException {
        if (closed) {
            return;
        }
        closed = true;
        if (willUnexport()) {
            sysfs.write(chip.directory().resolve("unexport"), settings.channel());
        }
    }

    /** After a failed open: a channel exported for nothing is unexported again, whatever the settings. */
    private void undoExport() {
        closed = true;
        if (!exportedByUs) {
            return;
        }
        try {
            sysfs.write(chip.directory().resolve("unexport"), settings.channel());
        } catch (HalException e) {
            // the open failure is what the caller needs to see
        }
    }
}
