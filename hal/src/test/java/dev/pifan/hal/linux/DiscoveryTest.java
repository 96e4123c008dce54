package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.BoardModel;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.Finding.Status;
import dev.pifan.hal.linux.fans.Emc230xDriver;
import dev.pifan.hal.linux.fans.HwmonDriver;
import dev.pifan.hal.linux.fans.PwmDriver;
import dev.pifan.hal.testing.FakeDevices;
import dev.pifan.hal.testing.FaultyFiles;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path tmp;

    /** A host with no vcgencmd anywhere and no library: discovery results do not depend on this machine. */
    private Host.Builder host(Path root) {
        return Host.builder(HostRoot.of(root)).executablePath(List.of()).providers(DeviceProviders.none());
    }

    private DiscoveryReport discover(String fixture) {
        return Discovery.run(host(Fixtures.original(fixture)).build());
    }

    @Test
    void pi5ChoosesTheActiveCoolerTheCpuZoneAndGetThrottled() {
        DiscoveryReport report = discover(Fixtures.PI5_ACTIVE_COOLER);
        assertEquals(BoardModel.Family.PI5, report.model().family());
        assertEquals(0, report.exitCode());
        assertEquals(new HardwareSpec(new TemperatureSpec.ThermalZone("cpu-thermal"),
                new ThrottleSpec.GetThrottled(Optional.of(
                        "/sys/devices/platform/soc@107c000000/soc@107c000000:firmware/get_throttled")),
                HwmonDriver.Spec.pwmFan()), report.chosen().orElseThrow());
        assertEquals("hardware:\n"
                + "  temperature: {driver: thermal-zone, type: cpu-thermal}\n"
                + "  throttle: {driver: get-throttled, path: /sys/devices/platform/soc@107c000000/"
                + "soc@107c000000:firmware/get_throttled}\n"
                + "  fan: {driver: hwmon, name: pwmfan}\n", report.toYaml());
        Finding<FanSpec> fan = report.chosenFan().orElseThrow();
        assertEquals("hwmon2 (pwmfan, cooling_fan) pwm1", fan.source());
        assertTrue(fan.detail().contains("owner: kernel, thermal_zone0 (cpu-thermal) policy step_wise (available:"
                + " step_wise); fan.takeover auto sets its mode disabled"), fan.detail());
        assertTrue(fan.detail().contains("fan1_input=2950 rpm"), fan.detail());
        String text = report.toText();
        assertTrue(text.contains("  * hwmon2 (pwmfan, cooling_fan) pwm1 — usable"), text);
        assertTrue(text.contains("hwmon1 (rp1_adc) temp1_input — usable: 49.8 °C, not the SoC sensor"), text);
        assertTrue(text.contains("vcgencmd measure_temp — missing"), text);
    }

    @Test
    void pi4WithDtoverlayPwmChoosesTheHardwarePwmChannel() {
        DiscoveryReport report = discover(Fixtures.PI4_PWM);
        FanSpec fan = report.chosenFan().orElseThrow().spec().orElseThrow();
        assertEquals(new PwmDriver.SysfsSpec("brcm,bcm2835-pwm", SysfsPwmFan.Settings.of(0)), fan);
        assertEquals("{driver: pwm, chip: \"brcm,bcm2835-pwm\", channel: 0}", fan.toYaml());
        assertEquals(new ThrottleSpec.GetThrottled(Optional.empty()), report.chosenThrottle().orElseThrow().spec().get());
    }

    @Test
    void aPwmChipNamedInTheConfigIsPreferredAndKeepsItsName() {
        DiscoveryHints hints = new DiscoveryHints("cpu-thermal", Optional.of("fe20c000.pwm"), 1, List.of(),
                Optional.empty());
        DiscoveryReport report = Discovery.run(host(Fixtures.original(Fixtures.PI4_PWM)).build(), hints);
        assertEquals(new PwmDriver.SysfsSpec("fe20c000.pwm", SysfsPwmFan.Settings.of(1)),
                report.chosenFan().orElseThrow().spec().orElseThrow());
    }

    @Test
    void aPwmChannelAKernelDriverHoldsIsNamedNotCalledExportable() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        // as Linux 6.12 shows a chip whose one channel the pwm-fan node cooling_fan requested (kernel tier)
        Files.writeString(root.resolve("sys/class/pwm/pwmchip0/npwm"), "1\n");
        Fixtures.pwmConsumer(root, "/sys/class/pwm/pwmchip0", "cooling_fan", "pwm-fan");
        Finding<FanSpec> pwm = Discovery.run(host(root).build()).fans().stream()
                .filter(f -> f.source().startsWith("pwmchip0")).findFirst().orElseThrow();
        assertEquals(Status.UNSUITABLE, pwm.status());
        assertTrue(pwm.detail().contains("held by the kernel driver pwm-fan (cooling_fan) (export fails with EBUSY);"
                + " drive it through its hwmon fan: fan: {driver: hwmon, name: pwmfan}"), pwm.detail());

        Files.writeString(root.resolve("sys/class/pwm/pwmchip0/npwm"), "2\n"); // another channel may be free
        pwm = Discovery.run(host(root).build()).fans().stream()
                .filter(f -> f.source().startsWith("pwmchip0")).findFirst().orElseThrow();
        assertEquals(Status.USABLE, pwm.status());
        assertTrue(pwm.detail().contains("one channel of this chip is held by the kernel driver pwm-fan (cooling_fan)"),
                pwm.detail());
    }

    @Test
    void poeHatUsesItsHwmonFanAndNeverTheFirmwarePwm() {
        DiscoveryReport report = discover(Fixtures.PI4_POE_PLUS);
        assertEquals(HwmonDriver.Spec.pwmFan(), report.chosenFan().orElseThrow().spec().orElseThrow());
        Finding<FanSpec> firmwarePwm = report.fans().stream()
                .filter(f -> f.source().startsWith("pwmchip0")).findFirst().orElseThrow();
        assertEquals(Status.UNSUITABLE, firmwarePwm.status());
        assertTrue(report.chosenThrottle().orElseThrow().detail().contains("0x50005 (under_voltage, throttled)"));
    }

    @Test
    void cm4IoBoardAssumesTheEmc2301OnI2c10WithoutTouchingTheBus() {
        DiscoveryReport report = discover(Fixtures.CM4_IO_BOARD);
        Finding<FanSpec> fan = report.chosenFan().orElseThrow();
        assertEquals(Status.UNVERIFIED, fan.status());
        assertEquals(Emc230xDriver.Spec.cm4IoBoard(), fan.spec().orElseThrow());
        assertEquals("{driver: emc230x, bus: 10, address: 0x2f, fan: 1}", fan.spec().get().toYaml());
    }

    @Test
    void cm4IoBoardProbedThroughALibraryFindsTheEmc2301ByItsIds() {
        FakeDevices devices = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus.emc2301(devices.bus(10).chip(0x2f));
        Host host = host(Fixtures.original(Fixtures.CM4_IO_BOARD)).providers(devices.asProviders()).build();
        DiscoveryReport report = Discovery.run(host, DiscoveryHints.defaults().withI2cProbe(Provider.DIOZERO));
        Finding<FanSpec> fan = report.chosenFan().orElseThrow();
        assertEquals(Status.USABLE, fan.status());
        assertEquals("EMC2301 (product id 0x37)", fan.detail());
        assertEquals("{driver: emc230x, model: emc2301, bus: 10, address: 0x2f, fan: 1}", fan.spec().get().toYaml());
        assertEquals(List.of(), devices.bus(10).writes(), "probing only reads");
        assertTrue(devices.isClosed());
    }

    @Test
    void aProbedBusWithAWrongChipFindsNoFan() {
        FakeDevices devices = new FakeDevices(Provider.DIOZERO);
        devices.bus(10).chip(0x2f).set(0xFD, 0x12).set(0xFE, 0x00);
        Host host = host(Fixtures.original(Fixtures.CM4_IO_BOARD)).providers(devices.asProviders()).build();
        DiscoveryReport report = Discovery.run(host, DiscoveryHints.defaults().withI2cProbe(Provider.DIOZERO));
        assertEquals(1, report.exitCode());
        assertTrue(report.toText().contains("i2c-10 — missing: no fan controller answered"), report.toText());
    }

    @Test
    void talosHasATemperatureRpiVoltOnlyAndNoFan() {
        DiscoveryReport report = discover(Fixtures.TALOS_PI4);
        assertEquals(1, report.exitCode(), "no usable fan");
        assertEquals(new TemperatureSpec.ThermalZone("cpu-thermal"),
                report.chosenTemperature().orElseThrow().spec().orElseThrow());
        assertEquals(new ThrottleSpec.RpiVolt(), report.chosenThrottle().orElseThrow().spec().orElseThrow());
        String text = report.toText();
        assertTrue(text.contains("get_throttled — missing"), text);
        assertTrue(text.contains("vcgencmd get_throttled — missing: vcgencmd is not on PATH"), text);
        assertTrue(text.contains("under-voltage only: the other throttle bits are reported unknown"), text);
        assertTrue(text.contains("not usable: no fan pifan can drive"), text);
        assertTrue(report.toYaml().contains("  # fan: nothing usable found"), report.toYaml());
    }

    @Test
    void talosWithI2cAskedForSaysHowToEnableIt() {
        DiscoveryHints hints = new DiscoveryHints("cpu-thermal", Optional.empty(), 0, List.of(1), Optional.empty());
        DiscoveryReport report = Discovery.run(host(Fixtures.original(Fixtures.TALOS_PI4)).build(), hints);
        assertTrue(report.toText().contains("/dev/i2c-1 — missing: absent: enable it with dtparam=i2c_arm=on in"
                + " config.txt (Talos: the overlay's configTxtAppend)"), report.toText());
    }

    @Test
    void permissionDeniedOnPwm1IsReportedWithTheFixAndNotChosen() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI5_ACTIVE_COOLER, tmp);
        Path pwm1 = root.resolve("sys/class/hwmon/hwmon2/pwm1");
        Host.Builder builder = host(root);
        if (Fixtures.fileModesIgnored(tmp)) {
            builder.files(new FaultyFiles().denyWrite(pwm1));
        } else {
            Files.setPosixFilePermissions(pwm1, PosixFilePermissions.fromString("r--r--r--"));
        }
        DiscoveryReport report = Discovery.run(builder.build());
        Finding<FanSpec> cooler = report.fans().get(0);
        assertEquals(Status.PERMISSION_DENIED, cooler.status());
        assertTrue(cooler.detail().startsWith("permission denied on " + pwm1 + ": hwmon files are root-only by"
                + " default: run pifan as root or install the udev rule from systemd/"), cooler.detail());
        assertEquals(Optional.empty(), report.chosenFan(), "the RP1 PWM is never driven unless named");
        assertEquals(1, report.exitCode());
        assertTrue(report.toText().contains("not chosen unless named: fan: {driver: auto, pwm-chip:"
                + " \"raspberrypi,rp1-pwm\"}"), report.toText());
    }

    @Test
    void discoveryNeverWrites() {
        for (String fixture : List.of(Fixtures.PI4_PWM, Fixtures.PI5_ACTIVE_COOLER, Fixtures.PI4_POE_PLUS,
                Fixtures.CM4_IO_BOARD, Fixtures.TALOS_PI4)) {
            Path root = Fixtures.copy(fixture, tmp);
            TreeSnapshot before = TreeSnapshot.of(root);
            FaultyFiles files = new FaultyFiles();
            DiscoveryReport report = Discovery.run(host(root).files(files).build());
            assertEquals(List.of(), files.writes(), fixture);
            assertEquals(before, TreeSnapshot.of(root), fixture);
            assertTrue(report.toText().contains("root: " + root), fixture);
        }
    }

    @Test
    void vcgencmdOnThePathIsACandidateButNotRun() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path vcgencmd = bin.resolve("vcgencmd");
        Files.writeString(vcgencmd, "#!/bin/sh\nexit 99\n");
        Files.setPosixFilePermissions(vcgencmd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Host host = host(Fixtures.original(Fixtures.TALOS_PI4)).executablePath(List.of(bin)).build();
        DiscoveryReport report = Discovery.run(host);
        Finding<ThrottleSpec> throttle = report.chosenThrottle().orElseThrow();
        assertEquals(Status.UNVERIFIED, throttle.status());
        assertEquals(ThrottleSpec.Vcgencmd.defaults(), throttle.spec().orElseThrow());
        assertTrue(throttle.detail().contains("no /dev/vcio under the root"), throttle.detail());
    }
}
