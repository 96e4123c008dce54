package dev.pifan.hal.linux;

import dev.pifan.hal.Duty;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.StallDetector;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Linux backends need to reach the host, in one value: the root prefix and file
 * access, the clock and sleeper for bounded waits, the command runner for vcgencmd, the library
 * providers, where to look for executables, and the stall-detection settings. Production uses
 * {@link #system()} or {@link #at(Path)}; tests swap any part through {@link #builder(HostRoot)}.
 */
public final class Host {

    private final Sysfs sysfs;
    private final MonotonicClock clock;
    private final Sleeper sleeper;
    private final CommandRunner commands;
    private final DeviceProviders providers;
    private final List<Path> executablePath;
    private final Duty stallMinDuty;
    private final Duration stallGrace;
    private final TakeoverRecords takeovers;
    private final Takeover takeover;

    private Host(Builder b) {
        this.sysfs = new Sysfs(b.root, b.files);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.commands = b.commands;
        this.providers = b.providers;
        this.executablePath = List.copyOf(b.executablePath);
        this.stallMinDuty = b.stallMinDuty;
        this.stallGrace = b.stallGrace;
        this.takeovers = b.takeovers;
        this.takeover = b.takeover;
    }

    /** How a fan the kernel's thermal framework drives is taken from it (fan.takeover). */
    public Takeover takeover() {
        return takeover;
    }

    /** Where the original control modes of taken-over fans are kept until handed back. */
    public TakeoverRecords takeovers() {
        return takeovers;
    }

    public static Host system() {
        return builder(HostRoot.system()).build();
    }

    /** The host as seen under {@code root} ({@code --root /host}). */
    public static Host at(Path root) {
        return builder(HostRoot.of(root)).build();
    }

    public static Builder builder(HostRoot root) {
        return new Builder(root);
    }

    public Sysfs sysfs() {
        return sysfs;
    }

    public HostRoot root() {
        return sysfs.root();
    }

    public MonotonicClock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public CommandRunner commands() {
        return commands;
    }

    public DeviceProviders providers() {
        return providers;
    }

    /** The first regular, executable file of this name on the search path. */
    public Optional<Path> findExecutable(String name) {
        for (Path dir : executablePath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A fresh detector for one fan, or a disabled one when stall detection is off. */
    public StallDetector newStallDetector() {
        return stallMinDuty == null ? StallDetector.disabled() : StallDetector.of(clock, stallMinDuty, stallGrace);
    }

    public static final class Builder {
        private final HostRoot root;
        private FileAccess files = FileAccess.system();
        private MonotonicClock clock = MonotonicClock.system();
        private Sleeper sleeper = Sleeper.system();
        private CommandRunner commands = CommandRunner.processes();
        private DeviceProviders providers = DeviceProviders.libraries();
        private List<Path> executablePath = pathFromEnvironment();
        private Duty stallMinDuty = StallDetector.DEFAULT_MIN_DUTY;
        private Duration stallGrace = StallDetector.DEFAULT_GRACE;
        private TakeoverRecords takeovers = TakeoverRecords.none();
        private Takeover takeover = Takeover.AUTO;

        private Builder(HostRoot root) {
            this.root = root;
        }

        public Builder files(FileAccess files) {
            this.files = files;
            return this;
        }

        public Builder clock(MonotonicClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder commands(CommandRunner commands) {
            this.commands = commands;
            return this;
        }

        public Builder providers(DeviceProviders providers) {
            this.providers = providers;
            return this;
        }

        /** Where {@code vcgencmd} is looked for; defaults to {@code $PATH}. */
        public Builder executablePath(List<Path> executablePath) {
            this.executablePath = List.copyOf(executablePath);
            return this;
        }

        public Builder stallDetection(Duty minDuty, Duration grace) {
            StallDetector.of(clock, minDuty, grace); // validates
            this.stallMinDuty = minDuty;
            this.stallGrace = grace;
            return this;
        }

        public Builder takeovers(TakeoverRecords records) {
            this.takeovers = records;
            return this;
        }

        public Builder takeover(Takeover takeover) {
            this.takeover = java.util.Objects.requireNonNull(takeover, "takeover");
            return this;
        }

        public Builder noStallDetection() {
            this.stallMinDuty = null;
            return this;
        }

        public Host build() {
            return new Host(this);
        }

        private static List<Path> pathFromEnvironment() {
            String path = System.getenv("PATH");
            List<Path> dirs = new ArrayList<>();
            if (path != null) {
                for (String entry : path.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        dirs.add(Path.of(entry));
                    }
                }
            }
            return dirs;
        }
    }
}
