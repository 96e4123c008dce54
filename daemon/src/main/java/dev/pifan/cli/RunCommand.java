package dev.pifan.cli;

import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.control.ChangeLog;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.SteadyClock;
import dev.pifan.tray.poll.LossLogger;
import dev.pifan.control.Heartbeat;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Board;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.systemd.SdNotify;
import dev.pifan.systemd.SystemdWatchdog;
import dev.pifan.systemd.WatchdogLimit;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.Fault;
import dev.pifan.hal.TimeLimitedBoard;
import dev.pifan.hal.linux.ProcessLock;
import dev.pifan.logging.LogLevelSetting;
import dev.pifan.logging.PifanLogConfigurator;
import dev.pifan.telemetry.Telemetry;
import dev.pifan.telemetry.TelemetryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read /sys, /proc and /dev under DIR (default: /), e.g. /host when a container mounts "
                    + "the host's /sys at /host/sys. Not with --sim.")
    Path root;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "pi4-heatsink",
            description = "With --sim: the board profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--scenario", paramLabel = "S", defaultValue = "sustained-25",
            description = "With --sim: the scenario whose load and ambient drive the board (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--fault", paramLabel = "KIND:START:END[:ARG]",
            description = "With --sim: inject a fault for seconds START to END after start (repeatable); "
                    + "the kinds of pifan simulate --fault.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--once", description = "Do one tick, print it, leave the fan in its exit state, and exit.")
    boolean once;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "trace, debug, info, warn, error or off (default: PIFAN_LOG_LEVEL, else info).")
    String logLevel;

    @Option(names = {"-v", "--verbose"}, description = "Log at debug level: every tick's reading and decision.")
    boolean verbose;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Serve /metrics, /healthz and /status here: HOST:PORT, :PORT (all interfaces) or off "
                    + "(default: metrics.listen in the config, else :" + ListenAddress.DEFAULT_PORT + ").")
    String listen;

    @Override
    public Integer call() throws Exception {
        if (logLevel != null && verbose) {
            throw CliError.usage("--log-level and --verbose both set the level: give one");
        }
        if (logLevel != null && !LogLevelSetting.isLevel(logLevel)) {
            throw CliError.usage("--log-level " + logLevel + " " + LogLevelSetting.NOT_A_LEVEL);
        }
        if (logLevel != null || verbose) {
            PifanLogConfigurator.setLevel(verbose ? "debug" : logLevel);
        }
        if (sim && root != null) {
            throw CliError.usage("--root reads a real board's files; it cannot be combined with --sim");
        }
        PifanConfig loaded = loadConfig(sim ? Profiles.require(profile) : ProfileDefaults.AUTO_PROFILE);
        WatchdogLimit watchdog = once ? WatchdogLimit.NONE
                : WatchdogLimit.of(SystemdWatchdog.watchdogMicros(System.getenv(), ProcessHandle.current().pid()));
        requireWatchable(watchdog, loaded);
        Optional<ListenAddress> address = TelemetryFactory.listen(listen, loaded);
        // the simulated board's scenario (its faults those of --fault and the config); none on hardware
        Optional<Scenario> scenario = sim ? Optional.of(simulatedScenario().withFaults(loaded.simulation().faults()))
                : noScenario();
        // before the board opens: a second pifan must not write the fan or read the first one's records
        Optional<ProcessLock> instance = sim ? Optional.empty()
                : InstanceLock.take(BoardFactory.takeovers(System.getenv()), once);
        instance.ifPresent(lock -> LOG.debug("holding {}", lock.file()));
        try (Board board = new TimeLimitedBoard(openBoard(scenario, loaded), loaded.safety().readTimeout())) {
            // board: auto means the profile of the board found (a Pi 5 gets the Active Cooler's curve)
            String autoProfile = sim ? Profiles.require(profile) : ProfileDefaults.profileFor(board.model());
            PifanConfig running = loadConfig(autoProfile);
            requireWatchable(watchdog, running);
            MonotonicClock clock = scenario
                    .map(s -> Simulation.loopClock(MonotonicClock.system(), s, running.interval()))
                    .orElseGet(() -> SteadyClock.forInterval(MonotonicClock.system(), running.interval()));
            // --once decides one tick on this board's own: there is no round of polls to decide a tray by
            Optional<TrayRun> tray = once ? Optional.empty() : TrayRun.of(running, clock);
            ControlLoop loop = new ControlLoop(board, ControlFactory.daemonController(running,
                    tray.map(TrayRun::tray)), clock);
            loop.addListener(new ChangeLog());
            if (System.console() != null) { // a person at a terminal; journald and pipes get the changes only
                loop.addListener(new Heartbeat(Heartbeat.PERIOD, line -> LOG.info(line)));
            }
            LOG.info("pifan {} on {}: temperature {}, throttle flags {}, fan {}; config {}; every {}",
                    Version.current(), board.model(), board.temperature().id(), board.throttle().id(),
                    board.fan().id(), running.source(), Durations.format(running.interval()));
            if (once) {
                spec.commandLine().getOut().println(describe(loop.tick()));
                // a real fan must not stay where one tick put it (a Pi 5 cooler would stay in manual mode)
                LOG.info(loop.leaveFan(running.fan().exit()));
                FinalExit.fanStateSet();
                return 0;
            }
            Telemetry telemetry = TelemetryFactory.telemetry(running, board, MonotonicClock.system());
            telemetry.listeners().forEach(loop::addListener);
            // Bound before the first tick: an address in use stops pifan before it touches the fan.
            try (TelemetryServer server = address.map(a -> TelemetryFactory.serve(a, telemetry)).orElse(null);
                 TrayRun trayRun = tray.orElse(null)) {
                if (server != null) {
                    LOG.info("serving /metrics, /healthz, /status and /peer on {}", address.get());
                }
                if (trayRun != null) {
                    loop.addListener(new LossLogger(trayRun.tray()));
                    trayRun.start(telemetry);
                }
                Optional<SdNotify> notify = SdNotify.fromEnvironment(System.getenv());
                Optional<SystemdWatchdog> systemd = notify.map(n -> new SystemdWatchdog(n, watchdog,
                        MonotonicClock.system(), running.interval()));
                systemd.ifPresent(loop::addListener);
                Daemon daemon = new Daemon(loop, running.interval(), running.fan().exit());
                ConfigReload reload = new ConfigReload(configFile(), autoProfile, running, loop, daemon);
                reload.watchdog(watchdog);
                tray.ifPresent(t -> reload.tray(t.tray()));
                reload.onAccepted(next -> {
                    TelemetryFactory.reconfigure(telemetry, next, listen, address);
                    systemd.ifPresent(s -> s.interval(next.interval()));
                });
                ReloadWorker reloads = new ReloadWorker(() -> {
                    systemd.ifPresent(SystemdWatchdog::reloading);
                    try {
                        telemetry.reloaded(reload.reload());
                    } finally {
                        // systemd shows "reloading" until READY=1: it must follow, whatever the reload did
                        systemd.ifPresent(SystemdWatchdog::reloaded);
                    }
                });
                reloads.start();
                boolean hupHandled = Signals.install(new Signals.Handler() {
                    @Override
                    public void stop(String signalName) {
                        systemd.ifPresent(SystemdWatchdog::stopping);
                        daemon.requestStop(signalName + " received", 0);
                    }

                    @Override
                    public void reload() {
                        reloads.request();
                    }
                });
                if (!hupHandled) {
                    LOG.error("SIGHUP was ignored when pifan started (nohup?), and the JVM keeps it so: a reload"
                            + " (systemctl reload, kill -HUP) does nothing; restart pifan to change its configuration,"
                            + " and start it without nohup");
                }
                systemd.ifPresent(SystemdWatchdog::start);
                daemon.start();
                try {
                    return daemon.runUntilStopped();
                } finally {
                    notify.ifPresent(SdNotify::close);
                }
            }
        }
    }

    /** Stops at start (exit 1, before the fan is touched) when the watchdog cannot watch the configured interval. */
    private static void requireWatchable(WatchdogLimit watchdog, PifanConfig config) {
        watchdog.problemWith(config.interval(), config.source()).ifPresent(problem -> {
            throw CliError.badContent(problem);
        });
    }

    /** The file the configuration comes from: --config, else the system file when it exists, else none. */
    private Path configFile() {
        if (config.file != null) {
            return config.file;
        }
        return !sim && Files.exists(SYSTEM_CONFIG) ? SYSTEM_CONFIG : null;
    }

    /** The configuration, with {@code board: auto} (and no file at all) taking the defaults of {@code autoProfile}. */
    private PifanConfig loadConfig(String autoProfile) {
        Path file = configFile();
        if (file == null) {
            return PifanConfig.defaults(autoProfile);
        }
        if (!emptyLogged && ConfigOption.isBlank(file)) {
            emptyLogged = true;
            // allowed at start (a fresh install's empty file), refused on a reload (a torn rewrite looks the same)
            LOG.warn("{} is empty (or only comments): running on the built-in defaults of board {}", file, autoProfile);
        }
        return ConfigOption.loadFile(file, autoProfile);
    }

    private boolean emptyLogged;

    /** On hardware: no scenario, and so no --fault. */
    private Optional<Scenario> noScenario() {
        if (!faults.isEmpty()) {
            throw CliError.usage("--fault needs --sim: faults are injected into the simulated board");
        }
        return Optional.empty();
    }

    /** The scenario of --sim with its --fault options. */
    private Scenario simulatedScenario() {
        try {
            Scenario chosen = Scenarios.named(scenario);
            for (String fault : faults) {
                chosen = chosen.withFault(Fault.parse(fault));
            }
            return chosen;
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
    }

    private Board openBoard(Optional<Scenario> chosen, PifanConfig loaded) {
        return chosen.isPresent() ? BoardFactory.simulated(profile, chosen.get())
                : BoardFactory.linux(root == null ? BoardFactory.SYSTEM_ROOT : root, hardware(loaded),
                        loaded.fan().takeover());
    }

    /**
     * The config's hardware, where a Kubernetes tray's node without any fan output is a member: every
     * pod of the DaemonSet runs one config, so the node the fan is wired to drives it and the others
     * report to it (docs/tray.md). A fan found that fails to open still fails the start.
     */
    static HardwareSpec hardware(PifanConfig config) {
        HardwareSpec spec = config.hardware();
        boolean kubernetesTray = config.tray().flatMap(t -> t.kubernetesTray()).isPresent();
        if (kubernetesTray && spec.fan() instanceof AutoDriver.Spec auto) {
            return new HardwareSpec(spec.temperature(), spec.throttle(), auto.withOrNone());
        }
        return spec;
    }

    static String describe(Snapshot s) {
        String temperature = s.temperature("unreadable");
        String rpm = s.rpm().isPresent() ? ", " + s.rpm().getAsInt() + " rpm" : "";
        String detail = s.decision().detail().isEmpty() ? "" : " - " + s.decision().detail();
        return "temperature " + temperature + ", throttled " + s.flags() + ", fan " + s.duty() + rpm
                + " (" + s.reason().label() + ")" + detail;
    }
}
