package dev.pifan.cli;

import dev.pifan.hal.Board;
import dev.pifan.hal.HalException;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.linux.Discovery;
import dev.pifan.hal.linux.DiscoveryHints;
import dev.pifan.hal.linux.DiscoveryReport;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.HostRoot;
import dev.pifan.hal.linux.Takeover;
import dev.pifan.hal.linux.TakeoverRecords;
import dev.pifan.hal.linux.LinuxBoard;
import dev.pifan.hal.linux.fans.PwmDriver;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a backend is chosen: the simulated board for {@code --sim}; otherwise the Linux
 * board the config's {@code hardware:} section names ({@code driver: auto} parts found by
 * discovery), with every path read under {@code --root}. diozero and Pi4J load only when the
 * section asks for them.
 */
final class BoardFactory {

    private static final Logger LOG = LoggerFactory.getLogger(BoardFactory.class);

    /** The root without {@code --root}: this host's own {@code /sys}, {@code /proc} and {@code /dev}. */
    static final Path SYSTEM_ROOT = Path.of("/");

    /** Every Raspberry Pi has it; without it, a user on a laptop most likely wanted the simulator. */
    private static final String MODEL = "/proc/device-tree/model";

    private BoardFactory() {
    }

    /** The simulated board of {@code profile}, driven by {@code scenario} in real time. */
    static Board simulated(String profile, Scenario scenario) {
        return SimulatedBoard.openEnded(Profiles.profile(profile), scenario, MonotonicClock.system(),
                SampleListener.ignoring(), SlowReads.blocking());
    }

    /** The real board under {@code root}; bad content (exit 1, one line) when it cannot be opened. */
    static LinuxBoard linux(Path root, HardwareSpec spec) {
        return linux(host(root), spec);
    }

    /** As above, taking a kernel-driven fan by {@code takeover} (fan.takeover; read at start only). */
    static LinuxBoard linux(Path root, HardwareSpec spec, Takeover takeover) {
        return linux(host(root, takeover), spec);
    }

    /** The real board on {@code host}: tests pass a host with fake libraries or files. */
    static LinuxBoard linux(Host host, HardwareSpec spec) {
        LinuxBoard board;
        try {
            board = LinuxBoard.open(host, spec);
        } catch (HalException e) {
            throw CliError.badContent(explain(e, host));
        }
        FanSpec fan = board.resolved().fan();
        if (fan instanceof PwmDriver.SysfsSpec pwm && pwm.settings().unexportOnClose()) {
            LOG.warn("fan {}: unexport-on-exit is set, so the channel is unexported at exit, which stops most"
                    + " fans; leave it out to keep the fan at full speed after pifan exits", board.fan().id());
        }
        return board;
    }

    /** What discovery finds under {@code root}, with the hints of the config's {@code auto} parts. Read-only. */
    static DiscoveryReport discover(Path root, HardwareSpec spec) {
        return Discovery.run(host(root), DiscoveryHints.from(spec));
    }

    /** The host seen under {@code root}; bad content when that is not a directory. */
    static Host host(Path root) {
        return host(root, Takeover.AUTO);
    }

    static Host host(Path root, Takeover takeover) {
        if (!Files.isDirectory(root)) {
            throw CliError.badContent("--root " + root + ": " + (Files.exists(root) ? "not a directory"
                    : "no such directory"));
        }
        return Host.builder(HostRoot.of(root)).takeovers(takeovers(System.getenv())).takeover(takeover).build();
    }

    /**
     * Takeover records in the runtime directory systemd gives the service (RuntimeDirectory=pifan
     * sets RUNTIME_DIRECTORY; the DaemonSet sets it to an emptyDir), so a restart after SIGKILL
     * hands the fan back to the mode the kernel had. Without one, nothing is recorded.
     */
    static TakeoverRecords takeovers(java.util.Map<String, String> environment) {
        String runtime = environment.get("RUNTIME_DIRECTORY");
        if (runtime == null || runtime.isBlank()) {
            return TakeoverRecords.none();
        }
        // systemd may list several directories, separated by colons: the first is ours
        return TakeoverRecords.in(Path.of(runtime.split(":")[0]));
    }

    /** The hal's message on one line, with where to look next when it does not say already. */
    static String explain(HalException e, Host host) {
        String message = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
        String probe = "`pifan probe" + (host.root().isSystemRoot() ? "" : " --root " + host.root()) + "`";
        message = message.contains("`pifan probe`") ? message.replace("`pifan probe`", probe)
                : message + " (" + probe + " shows what this host has)";
        if (!Files.exists(host.root().resolve(MODEL))) {
            message += "; no " + MODEL + " under " + host.root() + ": not a Raspberry Pi? `pifan run --sim` drives"
                    + " the simulated board";
        }
        return message;
    }
}
