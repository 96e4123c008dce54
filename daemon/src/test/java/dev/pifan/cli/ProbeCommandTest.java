package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.testing.Fixtures;
import dev.pifan.testing.FixtureTrees;
import dev.pifan.hal.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code pifan probe --root FIXTURE}: names the right fan and sensors, and the config that pins them. */
class ProbeCommandTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of(Fixtures.PI4_PWM, "pwmchip0 (pwm, brcm,bcm2835-pwm, npwm 2) channel 0",
                        "get_throttled /sys/devices/platform/soc/soc:firmware/get_throttled",
                        "  fan: {driver: pwm, chip: \"brcm,bcm2835-pwm\", channel: 0}\n"),
                Arguments.of(Fixtures.PI5_ACTIVE_COOLER, "hwmon2 (pwmfan, cooling_fan) pwm1",
                        "get_throttled /sys/devices/platform/soc@107c000000/soc@107c000000:firmware/get_throttled",
                        "  fan: {driver: hwmon, name: pwmfan}\n"),
                Arguments.of(Fixtures.PI4_POE_PLUS, "hwmon2 (pwmfan, pwm-fan) pwm1",
                        "get_throttled /sys/devices/platform/soc/soc:firmware/get_throttled",
                        "  fan: {driver: hwmon, name: pwmfan}\n"),
                Arguments.of(Fixtures.CM4_IO_BOARD, "i2c-10 address 0x2f",
                        "get_throttled /sys/devices/platform/soc/soc:firmware/get_throttled",
                        "  fan: {driver: emc230x, bus: 10, address: 0x2f, fan: 1}\n"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void namesTheFanAndSensorsItWouldUse(String fixture, String fan, String throttle, String snippetFan) {
        Path root = FixtureTrees.copy(fixture, tmp);
        Cli cli = Cli.run("probe", "--root", root.toString(), "--config", absentConfig().toString());
        assertEquals(1, cli.exitCode(), "a --config that does not exist is bad content: " + cli.err());

        cli = Cli.run("probe", "--root", root.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals("", cli.err());
        assertTrue(cli.out().startsWith("root: " + root + "\n"), cli.out());
        assertTrue(cli.out().contains("\nwould use:\n"
                + "  temperature: thermal_zone0 (cpu-thermal)\n"
                + "  throttle:    " + throttle + "\n"
                + "  fan:         " + fan + "\n"), cli.out());
        // then, for a pwm-fan the kernel drives, the kernel's closest curve (tested below)
        assertTrue(cli.out().contains("config to pin this choice:\nhardware:\n"
                + "  temperature: {driver: thermal-zone, type: cpu-thermal}\n"
                + "  throttle: {driver: get-throttled" + (fixture.equals(Fixtures.PI5_ACTIVE_COOLER)
                ? ", path: /sys/devices/platform/soc@107c000000/soc@107c000000:firmware/get_throttled" : "") + "}\n"
                + snippetFan), cli.out());
    }

    private Path absentConfig() {
        return tmp.resolve("absent.yaml");
    }

    @Test
    void talosHasSensorsButNoFan() {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        Cli cli = Cli.run("probe", "--root", root.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.out().contains("not usable: no fan pifan can drive"), cli.out());
        assertTrue(cli.out().contains("  temperature: thermal_zone0 (cpu-thermal)\n"
                + "  throttle:    hwmon0 (rpi_volt) in0_lcrit_alarm\n"), cli.out());
        assertTrue(cli.out().contains("under-voltage only: the other throttle bits are reported unknown"), cli.out());
        assertEquals("pifan: nothing to run with under " + root + ": no fan pifan can drive (see the findings above)\n",
                cli.err());
    }

    @Test
    void anEmptyRootHasNothingAndExitsOne() {
        Cli cli = Cli.run("probe", "--root", tmp.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.out().contains("no thermal zones under " + tmp.resolve("sys/class/thermal")), cli.out());
        assertTrue(cli.out().contains("not usable: no fan and no temperature source"), cli.out());
        assertEquals("pifan: nothing to run with under " + tmp + ": no fan and no temperature source"
                + " (see the findings above)\n", cli.err());
    }

    @Test
    void aMissingRootIsOneLine() {
        Cli cli = Cli.run("probe", "--root", tmp.resolve("host").toString());
        assertEquals(1, cli.exitCode());
        assertEquals("pifan: --root " + tmp.resolve("host") + ": no such directory\n", cli.err());
    }

    @Test
    void itOnlyReads() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        TreeSnapshot before = TreeSnapshot.of(root);
        assertEquals(0, Cli.run("probe", "--root", root.toString()).exitCode());
        assertEquals(before, TreeSnapshot.of(root));
    }

    @Test
    void aKernelDrivenActiveCoolerGetsTheKernelsClosestCurveAsConfigTxtLines() {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Cli cli = Cli.run("probe", "--root", root.toString());
        assertTrue(cli.out().contains("With fan.takeover: none the kernel drives this fan"), cli.out());
        assertTrue(cli.out().contains("\n  dtparam=fan_temp0="), cli.out());
        assertTrue(cli.out().contains(",fan_temp3_speed=255\n"), cli.out());
    }

    @Test
    void aPoeHatGetsThePoeParameters() {
        Path root = FixtureTrees.copy(Fixtures.PI4_POE_PLUS, tmp);
        Cli cli = Cli.run("probe", "--root", root.toString());
        assertTrue(cli.out().contains("\n  dtparam=poe_fan_temp0="), cli.out());
    }

    @Test
    void aFanTheConfigPinsIsWhatRunOpensSoProbeDoesNotFailForWantOfAnAutoFan() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        Path config = Files.writeString(tmp.resolve("pifan.yaml"), "hardware:\n  fan: {driver: emc230x, bus: 0}\n");
        Cli cli = Cli.run("probe", "--root", root.toString(), "--config", config.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("  fan: {driver: emc230x, bus: 0"), cli.out());
    }

    @Test
    void aGpioFanIsToldItNeedsAPullTowardOnToRunWithoutPifan() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.TALOS_PI4, tmp);
        Path config = Files.writeString(tmp.resolve("pifan.yaml"),
                "hardware:\n  fan: {driver: gpio, pin: 18, threshold-percent: 50, active-high: false}\n");
        Cli cli = Cli.run("probe", "--root", root.toString(), "--config", config.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("the fan's switch input needs a pull-down to keep the fan on without pifan"),
                cli.out());
        cli = Cli.run("probe", "--root", root.toString(), "--config", config.toString(), "--json");
        assertTrue(cli.out().strip().endsWith("\"notes\":[\"note: pifan holds the fan's GPIO line only while it"
                + " runs; released (stopped, killed, not yet started) the pin's pull decides, so the fan's switch input"
                + " needs a pull-down to keep the fan on without pifan (or use dtoverlay=gpio-fan, which lets the"
                + " kernel drive it)\"]}"), cli.out());
    }

    @Test
    void theConfigsHintsShapeTheChoiceAndPinnedPartsAreNamed() throws IOException {
        Path root = FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path config = Files.writeString(tmp.resolve("pifan.yaml"), """
                hardware:
                  throttle: {driver: rpi-volt}
                  fan: {driver: auto, pwm-chip: "raspberrypi,rp1-pwm", pwm-channel: 3}
                """);
        Cli cli = Cli.run("probe", "--root", root.toString(), "--config", config.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("  fan:         pwmchip0 (pwm, raspberrypi,rp1-pwm, npwm 4) channel 3\n"),
                cli.out());
        assertTrue(cli.out().endsWith(config + " pins these, and pifan run opens them rather than the choice above:\n"
                + "  throttle: {driver: rpi-volt}\n"), cli.out());
    }

    @Test
    void jsonIsOneObject() {
        Cli cli = Cli.run("probe", "--root", FixtureTrees.copy(Fixtures.PI5_ACTIVE_COOLER, tmp).toString(), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        String json = cli.out().strip();
        assertEquals(1, cli.out().lines().count());
        assertTrue(json.startsWith("{\"root\":\"") && json.endsWith("\"pinned\":[]}"), json);
        assertTrue(json.contains("\"board\":\"Raspberry Pi 5 Model B Rev 1.0\",\"family\":\"PI5\",\"usable\":true"), json);
        assertTrue(json.contains("{\"source\":\"hwmon2 (pwmfan, cooling_fan) pwm1\",\"status\":\"usable\""), json);
        assertTrue(json.contains("\"config\":\"{driver: hwmon, name: pwmfan}\",\"chosen\":true}"), json);
        assertTrue(json.contains("\"config\":\"hardware:\\n  temperature: {driver: thermal-zone, type: cpu-thermal}\\n"),
                json);
    }
}
