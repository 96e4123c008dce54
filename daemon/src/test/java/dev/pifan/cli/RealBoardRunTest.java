package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.testing.FixtureTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pifan run --root FIXTURE --once} on the real backends over copies of the fixture trees:
 * the duty the curve asks for reaches the fan's files, and the fan is left in its exit state
 * (handed back to the kernel, or full speed; never off).
 */
class RealBoardRunTest {

    /** A straight line from 40 C (0%) to 60 C (100%), no minimum, no kick: duty = (T - 40) / 20. */
    static final String LINEAR = """
            curve: {points: [[40C, 0%], [60C, 100%]], hysteresis: 4C}
            fan: {min-duty: 0%, start-duty: 0%, kick: 0s}
            """;

    @TempDir
    Path tmp;

    Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(tmp.resolve("pifan.yaml"), LINEAR);
    }

    static double celsius(Path root) {
        return Integer.parseInt(Fixtures.read(root, "/sys/class/thermal/thermal_zone0/temp")) / 1000.0;
    }

    /** What the linear curve asks for at the fixture's temperature. */
    static Duty linearDuty(Path root) {
        return Duty.ofRatio(Math.max(0, Math.min(1, (celsius(root) - 40) / 20)));
    }

    static String read(Path root, String absolute) {
        return Fixtures.read(root, absolute);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.PI5_ACTIVE_COOLER, Fixtures.PI4_POE_PLUS})
    void anHwmonFanGetsTheCurvesDutyAndIsHandedBackToTheKernel(String fixture) {
        Path root = FixtureTrees.copy(fixture, tmp);
        assertEquals("enabled", read(root, "/sys/class/thermal/thermal_zone0/mode"), "kernel-driven before");
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", config.toString(), "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        Duty duty = linearDuty(root);
        assertTrue(cli.out().contains(", fan " + duty + (fixture.equals(Fixtures.PI5_ACTIVE_COOLER) ? ", 2950 rpm" : "")
                + " (curve)"), cli.out());
        assertEquals("255", read(root, "/sys/class/hwmon/hwmon2/pwm1"), "full speed before the zone is given back");
        assertEquals("enabled", read(root, "/sys/class/thermal/thermal_zone0/mode"), "the zone the kernel's again at exit");
    }

    @Test
    void pi5ValuesSpelledOut() {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", config.toString(), "--once");
        assertEquals("temperature 52.4 C, throttled 0x0, fan 61.8%, 2950 rpm (curve)\n", cli.out());
    }

    @Test
    void boardAutoTakesTheDefaultsOfTheBoardFound() {
        String auto = onceOnAPi5("board: auto\n");
        assertEquals(onceOnAPi5("board: pi5-active-cooler\n"), auto, "auto on a Pi 5 is the Pi 5 profile");
        assertNotEquals(onceOnAPi5("board: pi4-heatsink\n"), auto, "which the Pi 4 profile is not");
    }

    private String onceOnAPi5(String config) {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp.resolve("pi5-" + Math.abs(config.hashCode())));
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", write(config), "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        return cli.out();
    }

    @Test
    void withTheDefaultsThePi5CoolerIsKickedAndHandedBack() {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", tmp.resolve("none.yaml").toString(), "--once");
        assertEquals(1, cli.exitCode(), "a --config that does not exist is bad content");
        cli = Cli.run("run", "--root", root.toString(), "--config", write("board: pi5-active-cooler\n"), "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        // 52.35 C on the pi5-active-cooler curve (52 C 0%, 55 C 16%) is 1.9%: raised to min-duty 16%,
        // and a fan pifan has not started yet is kicked at start-duty 26%
        assertEquals("temperature 52.4 C, throttled 0x0, fan 26%, 2950 rpm (kick)\n", cli.out());
        assertEquals("255", read(root, "/sys/class/hwmon/hwmon2/pwm1"), "full speed, then the zone given back");
        assertEquals("enabled", read(root, "/sys/class/thermal/thermal_zone0/mode"));
    }

    @Test
    void aPwmChannelExportedBeforeIsLeftRunningAtFullSpeed() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.PI4_PWM, tmp);
        createChannel(root);
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", config.toString(), "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("temperature 48.7 C, throttled 0x0, fan " + linearDuty(root) + " (curve)\n", cli.out());
        assertFullSpeedAndExported(root);
    }

    /**
     * pifan exports the channel itself ("udev" creates it a moment later); at exit it must not
     * unexport it: the kernel would disable the output and most fans would stop.
     */
    @Test
    void aPwmChannelPifanExportedStaysExportedAtFullSpeedAfterExit() throws Exception {
        Path root = FixtureTrees.copy(Fixtures.PI4_PWM, tmp);
        Thread udev = udev(root);
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", config.toString(), "--once");
        udev.join();
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("0", read(root, "/sys/class/pwm/pwmchip0/export"));
        assertFullSpeedAndExported(root);
    }

    private static void assertFullSpeedAndExported(Path root) {
        String channel = "/sys/class/pwm/pwmchip0/pwm0";
        assertEquals("40000", read(root, channel + "/period"), "25 kHz");
        assertEquals(read(root, channel + "/period"), read(root, channel + "/duty_cycle"), "full speed at exit");
        assertEquals("1", read(root, channel + "/enable"));
        assertEquals("normal", read(root, channel + "/polarity"));
        assertEquals("", read(root, "/sys/class/pwm/pwmchip0/unexport"), "never unexported: that stops the fan");
    }

    @Test
    void theCm4IoBoardsFanNeedsAnI2cBusThisMachineDoesNotHave() {
        Path root = FixtureTrees.copy(Fixtures.CM4_IO_BOARD, tmp);
        Cli cli = Cli.run("run", "--root", root.toString(), "--once");
        assertEquals(1, cli.exitCode(), cli.out());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().startsWith("pifan: no usable fan under " + root + ": diozero could not open /dev/i2c-10"),
                cli.err());
        assertTrue(cli.err().contains("dtparam=i2c_vc=on"), cli.err());
    }

    @Test
    void talosWithoutAFanFailsWithWhereToLook() {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        Cli cli = Cli.run("run", "--root", root.toString(), "--once");
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: no usable fan under " + root + ": discovery found no candidate; run `pifan probe --root "
                + root + "` to see why\n", cli.err());
    }

    /** Talos has no get_throttled and no vcgencmd: only under-voltage is known, the rest is reported unknown. */
    @Test
    void talosWithAPoeHatKnowsOnlyUnderVoltage() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        Path poe = FixtureTrees.copy(Fixtures.PI4_POE_PLUS, tmp.resolve("poe"));
        FixtureTrees.copyTree(poe.resolve("sys/class/hwmon/hwmon2"), root.resolve("sys/class/hwmon/hwmon2")); // Talos builds pwm-fan in
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", config.toString(), "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("temperature 50.6 C, throttled 0x0 [partly unknown], fan " + linearDuty(root) + " (curve)\n",
                cli.out());
        // no zone of this tree drives the fan: nobody else does, so pifan leaves it at full speed
        assertEquals("255", read(root, "/sys/class/hwmon/hwmon2/pwm1"));
        assertEquals("1", read(root, "/sys/class/hwmon/hwmon2/pwm1_enable"), "pwm1_enable is never written");
    }

    @Test
    void noHardwareAtAllIsOneActionableLine() {
        Cli cli = Cli.run("run", "--root", tmp.toString(), "--once");
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: no usable temperature sensor under " + tmp + ": discovery found no candidate; run `pifan"
                + " probe --root " + tmp + "` to see why; no /proc/device-tree/model under " + tmp + ": not a"
                + " Raspberry Pi? `pifan run --sim` drives the simulated board\n", cli.err());
    }

    @Test
    void aRootThatIsNoDirectoryIsBadContent() {
        Cli cli = Cli.run("run", "--root", tmp.resolve("nowhere").toString(), "--once");
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: --root " + tmp.resolve("nowhere") + ": no such directory\n", cli.err());
    }

    @Test
    void rootAndSimDoNotGoTogether() {
        Cli cli = Cli.run("run", "--sim", "--root", tmp.toString(), "--once");
        assertEquals(2, cli.exitCode());
        assertEquals("pifan: --root reads a real board's files; it cannot be combined with --sim\n", cli.err());
    }

    @Test
    void aBadHardwareSectionIsRefusedBeforeAnythingIsTouched() {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        String bad = write("hardware:\n  fan: {driver: hwmon}\n");
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", bad, "--once");
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: " + bad + ":2: hardware.fan: driver hwmon needs name\n", cli.err());
        assertEquals("enabled", read(root, "/sys/class/thermal/thermal_zone0/mode"));
        assertEquals("75", read(root, "/sys/class/hwmon/hwmon2/pwm1"));
    }

    @Test
    void aPinnedFanIsOpenedAsPinned() {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        String pinned = write(LINEAR + "hardware:\n  temperature: {driver: hwmon, name: rp1_adc}\n"
                + "  throttle: {driver: rpi-volt}\n  fan: {driver: hwmon, name: pwmfan}\n");
        Cli cli = Cli.run("run", "--root", root.toString(), "--config", pinned, "--once");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("temperature 49.8 C, throttled 0x0 [partly unknown], fan "), cli.out());
    }

    /**
     * On this x86 machine there is no GPIO chip, no PWM pin, no I2C bus: asking for diozero or Pi4J
     * ends in one line on standard error, from the whole process (the libraries' own logging too).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{driver: pwm, provider: pi4j, chip: 0, channel: 0}",
            "{driver: pwm, provider: diozero, gpio: 18}",
            "{driver: emc230x, provider: pi4j, bus: 10}",
            "{driver: emc230x, provider: diozero, bus: 10}",
            "{driver: gpio, provider: pi4j, pin: 18, threshold-percent: 50}",
            "{driver: gpio, provider: diozero, pin: 18, threshold-percent: 50}"})
    void aLibraryOnAHostWithoutTheHardwareIsOneCleanLine(String fan) throws Exception {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        String file = write("hardware:\n  fan: " + fan + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), PifanCommand.class.getName(), "run", "--root", root.toString(),
                "--config", file, "--once").start();
        String err;
        String out;
        try (BufferedReader e = reader(process.getErrorStream()); BufferedReader o = reader(process.getInputStream())) {
            err = e.lines().collect(Collectors.joining("\n"));
            out = o.lines().collect(Collectors.joining("\n"));
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), err);
        assertEquals("", out);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        String library = fan.contains("pi4j") ? "Pi4J" : "diozero";
        assertTrue(lines.get(0).startsWith("pifan: " + library + " "), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), err);
    }

    private static BufferedReader reader(java.io.InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    private String write(String yaml) {
        try {
            Path file = Files.createTempFile(tmp, "pifan", ".yaml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what the kernel and udev do on a real board ----------------------------------------

    /** The channel directory the kernel creates on export, as udev leaves it. */
    static void createChannel(Path root) {
        try {
            Path staging = Files.createTempDirectory(root, "udev");
            Files.writeString(staging.resolve("period"), "0\n");
            Files.writeString(staging.resolve("duty_cycle"), "0\n");
            Files.writeString(staging.resolve("polarity"), "normal\n");
            Files.writeString(staging.resolve("enable"), "0\n");
            Files.move(staging, root.resolve("sys/class/pwm/pwmchip0/pwm0")); // appears at once
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the channel once pifan has written to export, as udev does: on the file's change
     * event (inotify, registered before pifan starts, so the write cannot be missed), bounded.
     */
    static Thread udev(Path root) throws IOException {
        Path chip = root.resolve("sys/class/pwm/pwmchip0");
        WatchService watch = chip.getFileSystem().newWatchService();
        chip.register(watch, StandardWatchEventKinds.ENTRY_MODIFY);
        Thread thread = new Thread(() -> {
            try (watch) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                WatchKey key;
                while ((key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                    boolean exported = key.pollEvents().stream().anyMatch(e -> e.context().toString().equals("export"));
                    key.reset();
                    if (exported) {
                        createChannel(root);
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "fake-udev");
        thread.start();
        return thread;
    }
}
