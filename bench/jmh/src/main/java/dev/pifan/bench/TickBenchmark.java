package dev.pifan.bench;

import dev.pifan.config.PifanConfig;
import dev.pifan.control.ControlLoop;
import dev.pifan.control.Controller;
import dev.pifan.control.FanCurve;
import dev.pifan.control.PifanController;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Board;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.TimeLimitedBoard;
import dev.pifan.hal.linux.DeviceProviders;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.Host;
import dev.pifan.hal.linux.HostRoot;
import dev.pifan.hal.linux.LinuxBoard;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.SampleListener;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.SimulatedBoard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One control tick, the loop the daemon runs every second: read the temperature, the throttle
 * flags and the fan speed, decide (safety rules, curve, ceiling guard, fan limits), write the
 * duty. Without listeners: the change log writes a line a few times an hour on a board but on
 * every other tick of a simulation running hours per second, and the cost of a metrics update is
 * measured on its own (bench/scrape-bench.sh, docs/observability.md).
 *
 * <ul>
 *   <li>{@code simTick}: on the simulated board of {@code --sim}, one simulated second per tick
 *       (so each tick also runs the plant's ten Euler steps, which a real board does not cost).</li>
 *   <li>{@code linuxTick}: on the Linux backend over a copy of a fixture tree (real files: the
 *       thermal zone, hwmon pwm and fan input, get_throttled), as on a Pi 5 with its Active
 *       Cooler, on a tmpfs as sysfs is in memory.</li>
 *   <li>{@code asRun=true} (a parameter of both): the same behind the {@code TimeLimitedBoard}
 *       that {@code pifan run} puts around every board (each read and write handed to a worker
 *       thread, given up after {@code safety.read-timeout}), so a hanging sensor cannot stall the
 *       loop: what a tick of the daemon costs, hand-offs between threads included. Ticks follow
 *       each other here, so the worker is always awake; in the daemon, a tick a second, the
 *       first call of a tick also wakes it.</li>
 * </ul>
 *
 * Run: {@code java -jar bench/jmh/target/pifan-jmh.jar} from the repository root (the fixtures
 * are read from {@code hal/src/test/resources/fixtures}, or {@code -Dpifan.fixtures=DIR}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx64m"})
public class TickBenchmark {

    /** The simulated board on a clock that moves one second per tick. */
    @State(Scope.Thread)
    public static class Sim {
        @Param({"pi5-active-cooler"})
        String profile;

        @Param({"false", "true"})
        boolean asRun;

        StepClock clock;
        ControlLoop loop;
        Board board;

        @Setup(Level.Trial)
        public void setUp() {
            clock = new StepClock();
            board = SimulatedBoard.openEnded(BoardProfile.named(profile), Scenarios.named("bursty-ci"),
                    clock, SampleListener.ignoring());
            if (asRun) {
                board = new TimeLimitedBoard(board, PifanConfig.defaults(profile).safety().readTimeout());
            }
            loop = new ControlLoop(board, pifan(profile), clock);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            board.close();
        }
    }

    /** The Linux backend over a private copy of a fixture tree. */
    @State(Scope.Thread)
    public static class Linux {
        @Param({"pi5-active-cooler"})
        String fixture;

        @Param({"false", "true"})
        boolean asRun;

        Path root;
        Board board;
        ControlLoop loop;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path fixtures = Path.of(System.getProperty("pifan.fixtures", "hal/src/test/resources/fixtures"));
            // sysfs lives in memory: copy the tree to a tmpfs (/dev/shm) when there is one, not to a
            // disk, where open(2) alone costs more than the whole tick (-Dpifan.jmh.dir to choose)
            Path shm = Path.of("/dev/shm");
            String dir = System.getProperty("pifan.jmh.dir", Files.isDirectory(shm) ? shm.toString() : "");
            root = dir.isEmpty() ? Files.createTempDirectory("pifan-jmh") : Files.createTempDirectory(Path.of(dir), "pifan-jmh");
            copy(fixtures.resolve(fixture), root);
            Host host = Host.builder(HostRoot.of(root)).executablePath(List.of()).providers(DeviceProviders.none())
                    .build();
            board = LinuxBoard.open(host, HardwareSpec.auto());
            if (asRun) {
                board = new TimeLimitedBoard(board, PifanConfig.defaults("pi5-active-cooler").safety().readTimeout());
            }
            loop = new ControlLoop(board, pifan("pi5-active-cooler"), MonotonicClock.system());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            board.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Benchmark
    public Snapshot simTick(Sim sim) {
        Snapshot snapshot = sim.loop.tick();
        sim.clock.step();
        return snapshot;
    }

    @Benchmark
    public Snapshot linuxTick(Linux linux) {
        return linux.loop.tick();
    }

    /** pifan with the defaults of a profile, as {@code pifan run} builds it. */
    static Controller pifan(String profile) {
        PifanConfig config = PifanConfig.defaults(profile);
        // the same wiring as dev.pifan.cli.ControlFactory (package-private there)
        FanCurve curve = new FanCurve(config.curve().points().stream()
                .map(p -> new FanCurve.Point(p.celsius(), p.duty())).toList());
        dev.pifan.control.FanLimits limits = new dev.pifan.control.FanLimits(config.fan().minDuty(),
                config.fan().startDuty(), config.fan().kick(),
                config.curve().offHysteresisC() > 0 ? config.curve().stopBelowC() : Double.NEGATIVE_INFINITY);
        dev.pifan.control.SafetyLimits safety = new dev.pifan.control.SafetyLimits(config.safety().criticalC(),
                config.safety().sensorFailures(), config.safety().stuckAfter(), config.safety().stallAfter());
        var c = config.ceiling();
        var ceiling = c.atC().isPresent()
                ? java.util.Optional.of(new dev.pifan.control.Ceiling(c.atC().getAsDouble(), c.risePerSecond(),
                        c.fallPerSecond(), c.settle(), c.releaseC()))
                : java.util.Optional.<dev.pifan.control.Ceiling>empty();
        return new PifanController(curve, config.curve().hysteresisC(), limits, safety,
                new dev.pifan.control.ControlTuning(config.curve().downDelay(), ceiling));
    }

    /** A clock that moves only when told: one simulated second per tick. */
    static final class StepClock implements MonotonicClock {
        private long nanos;

        @Override
        public long nanos() {
            return nanos;
        }

        void step() {
            nanos += 1_000_000_000L;
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new UncheckedIOException(new IOException("no fixture tree at " + source.toAbsolutePath()
                    + ": run from the repository root or set -Dpifan.fixtures"));
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
