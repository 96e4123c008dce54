package dev.pifan.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.linux.fans.GpioDriver;
import dev.pifan.hal.Duty;
import dev.pifan.hal.io.Provider;
import dev.pifan.hal.linux.fans.ArgonOneDriver;
import dev.pifan.hal.linux.fans.Emc2101Driver;
import dev.pifan.hal.linux.fans.PwmDriver;
import dev.pifan.hal.testing.FakeClock;
import dev.pifan.hal.testing.FakeDevices;
import dev.pifan.hal.testing.Fixtures;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fan only pifan drives is recorded while it runs, and restore drives it full after a kill. */
class DrivenFansTest {

    @TempDir
    Path tmp;

    private final FakeClock clock = new FakeClock();

    private Host.Builder host(Path root, TakeoverRecords records) {
        return Host.builder(HostRoot.of(root)).executablePath(List.of()).providers(DeviceProviders.none())
                .clock(clock).sleeper(clock.sleeper()).takeovers(records);
    }

    private static Path exportedChannel(Path root) throws Exception {
        Path channel = Files.createDirectories(root.resolve("sys/class/pwm/pwmchip0/pwm0"));
        for (String file : List.of("period", "duty_cycle", "enable")) {
            Files.writeString(channel.resolve(file), "0\n");
        }
        Files.writeString(channel.resolve("polarity"), "normal\n");
        return channel;
    }

    private static HardwareSpec pwmSpec() {
        return new HardwareSpec(new TemperatureSpec.Hwmon("cpu_thermal", 1), new ThrottleSpec.None(),
                new PwmDriver.SysfsSpec("fe20c000.pwm", new SysfsPwmFan.Settings(0, 25_000,
                        SysfsPwmFan.Polarity.NORMAL, false, SysfsPwmFan.DEFAULT_EXPORT_TIMEOUT)));
    }

    @Test
    void aSysfsPwmFanIsRecordedWhileRunningAndForgottenAtACleanClose() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        exportedChannel(root);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        LinuxBoard board = LinuxBoard.open(host(root, records).build(), pwmSpec());
        assertEquals(List.of("fan-pwmchip0-pwm0"), records.keys());
        board.close();
        assertEquals(List.of(), records.keys(), "a clean exit leaves nothing for restore to do");
    }

    @Test
    void aGpioFanIsRecordedWhileRunningAndForgottenAtACleanClose() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        HardwareSpec spec = new HardwareSpec(new TemperatureSpec.Hwmon("cpu_thermal", 1), new ThrottleSpec.None(),
                GpioDriver.Spec.line(Provider.DIOZERO, 1, 18, Duty.ofPercent(50), false));
        LinuxBoard board = LinuxBoard.open(host(root, records).providers(diozero.asProviders()).build(), spec);
        assertEquals(List.of("fan-gpio-gpiochip1-line18"), records.keys());
        assertEquals(Optional.of("diozero active-low"), records.recalled("fan-gpio-gpiochip1-line18"));
        board.close();
        assertEquals(List.of(), records.keys(), "a clean exit leaves nothing for restore to do");
    }

    @Test
    void restoreSwitchesAKilledPifansGpioFanOnAndLetsGoOfTheLine() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        records.remember("fan-gpio-gpiochip1-line18", "diozero active-low");
        records.remember("fan-gpio-pin17", "diozero active-high");
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);

        List<String> done = ZoneTakeover.restore(Sysfs.at(root), diozero.asProviders(), records);

        assertEquals(List.of(false), diozero.line(1, 18).levels().subList(1, 2), "active-low: on is low");
        assertTrue(diozero.line(1, 18).levels().stream().noneMatch(high -> high), "never high (off) on the way");
        assertTrue(diozero.line(1, 18).isClosed(), "released: a held line would keep the next pifan run from it");
        assertTrue(diozero.pin(17).levels().stream().allMatch(high -> high), "active-high: on is high");
        assertTrue(done.stream().anyMatch(l -> l.startsWith("gpiochip1 line 18: switched on (low) and released")),
                done.toString());
        assertEquals(List.of(), records.keys());
    }

    @Test
    void restoreDrivesAKilledPifansPwmChannelFull() throws Exception {
        Path root = Fixtures.copy(Fixtures.PI4_PWM, tmp);
        Path channel = exportedChannel(root);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        LinuxBoard board = LinuxBoard.open(host(root, records).build(), pwmSpec());
        board.fan().apply(Duty.ofPercent(20)); // then SIGKILL: board.close() never runs
        assertEquals("8000", Fixtures.read(root, "/sys/class/pwm/pwmchip0/pwm0/duty_cycle"));

        List<String> done = ZoneTakeover.restore(Sysfs.at(root), DeviceProviders.none(), records);

        assertEquals("40000", Files.readString(channel.resolve("duty_cycle")).strip(), "duty_cycle = period");
        assertEquals("1", Files.readString(channel.resolve("enable")).strip());
        assertEquals(1, done.size(), done.toString());
        assertEquals(List.of(), records.keys());
    }

    @Test
    void restoreDrivesAKilledPifansEmc2301FullAfterCheckingItsIds() throws Exception {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus bus = diozero.bus(10);
        RegisterMapBus.emc2301(bus.chip(0x2f));
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        LinuxBoard board = LinuxBoard.open(host(root, records).providers(diozero.asProviders()).build(),
                HardwareSpec.auto());
        board.fan().apply(Duty.ofPercent(20)); // then SIGKILL
        assertEquals(List.of("fan-emc230x-i2c10-0x2f-fan1"), records.keys());

        FakeDevices afterwards = new FakeDevices(Provider.DIOZERO);
        RegisterMapBus.emc2301(afterwards.bus(10).chip(0x2f));
        ZoneTakeover.restore(Sysfs.at(root), afterwards.asProviders(), records);

        assertEquals(List.of(new Write(0x2f, 0x30, 0xFF)), afterwards.bus(10).writes());
        assertEquals(List.of(), records.keys());
    }

    @Test
    void aRecordOfAnEmcAddressWhereAnotherChipAnswersWritesNothingAndIsKept() throws Exception {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        records.remember("fan-emc230x-i2c10-0x2f-fan1", "diozero");
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        diozero.bus(10).chip(0x2f).set(0xFD, 0x12).set(0xFE, 0x00);

        List<String> done = ZoneTakeover.restore(Sysfs.at(root), diozero.asProviders(), records);

        assertEquals(List.of(), diozero.bus(10).writes());
        assertTrue(done.get(0).contains("could not be set to full speed"), done.toString());
        assertEquals(List.of("fan-emc230x-i2c10-0x2f-fan1"), records.keys(), "kept for a later try");
        assertEquals(Optional.of("diozero"), records.recalled("fan-emc230x-i2c10-0x2f-fan1"));
    }

    @Test
    void restoreDrivesAKilledPifansEmc2101FullAtItsStepCount() throws Exception {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        diozero.bus(10).chip(0x4c).set(0xFD, 0x16).set(0xFE, 0x5D).set(0x4A, 0x20).set(0x4D, 0x17);
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        HardwareSpec spec = new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.None(),
                new Emc2101Driver.Spec(Provider.DIOZERO, 10, 0x4c, false));
        LinuxBoard.open(host(root, records).providers(diozero.asProviders()).build(), spec)
                .fan().apply(Duty.ofPercent(20)); // then SIGKILL
        assertEquals(List.of("fan-emc2101-i2c10-0x4c"), records.keys());

        ZoneTakeover.restore(Sysfs.at(root), diozero.asProviders(), records);

        assertEquals(46, diozero.bus(10).chip(0x4c).get(0x4C), "full = 2 * PWM_F steps");
        assertEquals(List.of(), records.keys());
    }

    @Test
    void restoreSendsAKilledPifansLegacyArgonOneFullAsTheBareByte() throws Exception {
        Path root = Fixtures.copy(Fixtures.CM4_IO_BOARD, tmp);
        FakeDevices diozero = new FakeDevices(Provider.DIOZERO);
        diozero.bus(1).chip(0x1a).ignoreWritesTo(0x80); // legacy firmware: the register does not move
        TakeoverRecords records = TakeoverRecords.in(tmp.resolve("run"));
        HardwareSpec spec = new HardwareSpec(TemperatureSpec.Auto.defaults(), new ThrottleSpec.None(),
                new ArgonOneDriver.Spec(Provider.DIOZERO, 1, 0x1a, dev.pifan.hal.i2c.ArgonOneFan.Protocol.AUTO));
        LinuxBoard.open(host(root, records).providers(diozero.asProviders()).build(), spec)
                .fan().apply(Duty.ofPercent(20)); // then SIGKILL
        assertEquals(Optional.of("diozero legacy"), records.recalled("fan-argon-one-i2c1-0x1a"));

        FakeDevices afterwards = new FakeDevices(Provider.DIOZERO);
        afterwards.bus(1).chip(0x1a);
        ZoneTakeover.restore(Sysfs.at(root), afterwards.asProviders(), records);

        assertEquals(List.of(new Write(0x1a, -1, 100)), afterwards.bus(1).writes(), "100% as the legacy byte");
        assertEquals(List.of(), records.keys());
    }
}
