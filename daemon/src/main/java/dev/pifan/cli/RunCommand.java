package dev.pifan.cli;

import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.ChangeLog;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Board;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pifan run}: the daemon. */
@Command(name = "run", sortOptions = false, description = "Run the fan control daemon.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    static final Path SYSTEM_CONFIG = Path.of("/etc/pifan/pifan.yaml");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--sim", description = "Run on the simulated board, in real time.")
    boolean sim;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "pi4-heatsink",
            description = "With --sim: the board profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--scenario", paramLabel = "S", defaultValue = "sustained-25",
            description = "With --sim: the scenario whose load and ambient drive the board (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--once", description = "Do one tick, print it, and exit.")
    boolean once;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Serve /metrics, /healthz and /status here: HOST:PORT, :PORT (all interfaces) or off "
                    + "(default: metrics.listen in the config, else :" + ListenAddress.DEFAULT_PORT + ").")
    String listen;

    @Override
    public Integer call() throws Exception {
        PifanConfig loaded = loadConfig();
        Optional<ListenAddress> address = TelemetryFactory.listen(listen, loaded);
        try (Board board = openBoard()) {
            ControlLoop loop = new ControlLoop(board, ControlFactory.pifanController(loaded), MonotonicClock.system());
            loop.addListener(new ChangeLog());
            LOG.info("pifan {} on {}: temperature {}, throttle flags {}, fan {}; config {}; every {}",
                    Version.current(), board.model(), board.temperature().id(), board.throttle().id(),
                    board.fan().id(), loaded.source(), Durations.format(loaded.interval()));
            if (once) {
                spec.commandLine().getOut().println(describe(loop.tick()));
                return 0;
            }
            Telemetry telemetry = TelemetryFactory.telemetry(loaded, board, MonotonicClock.system());
            telemetry.listeners().forEach(loop::addListener);
            // Bound before the first tick: an address in use stops pifan before it touches the fan.
            try (TelemetryServer server = address.map(a -> TelemetryFactory.serve(a, telemetry)).orElse(null)) {
                if (server != null) {
                    LOG.info("serving /metrics, /healthz and /status on {}", address.get());
                }
                Signals signals = new Signals();
                Daemon daemon = new Daemon(loop, loaded.interval(), ControlFactory.exitState(loaded));
                daemon.start();
                signals.awaitStop();
                daemon.stop();
            }
        }
        return 0;
    }

    private PifanConfig loadConfig() {
        if (config.file == null && !sim && Files.exists(SYSTEM_CONFIG)) {
            return ConfigOption.loadFile(SYSTEM_CONFIG);
        }
        return config.load(Profiles.require(profile));
    }

    private Board openBoard() {
        if (!sim) {
            throw CliError.usage("this build drives the simulated board only: add --sim");
        }
        Scenario chosen;
        try {
            chosen = Scenarios.named(scenario);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        return SimulatedBoard.openEnded(Profiles.profile(profile), chosen, MonotonicClock.system(),
                SampleListener.ignoring());
    }

    static String describe(Snapshot s) {
        String temperature = s.celsius().isPresent()
                ? String.format(Locale.ROOT, "%.1f C", s.celsius().getAsDouble())
                : "unreadable";
        String rpm = s.rpm().isPresent() ? ", " + s.rpm().getAsInt() + " rpm" : "";
        String detail = s.decision().detail().isEmpty() ? "" : " - " + s.decision().detail();
        return "temperature " + temperature + ", throttled " + s.flags() + ", fan " + s.duty() + rpm
                + " (" + s.reason().label() + ")" + detail;
    }
}
