package dev.pifan.hal.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.StallDetector;
import dev.pifan.hal.testing.FakeClock;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Emc230xFanTest {

    private final RegisterMapBus bus = new RegisterMapBus(10);
    private final FakeClock clock = new FakeClock();

    private Emc230xFan openEmc2301() throws HalException {
        RegisterMapBus.emc2301(bus.chip(0x2f));
        return Emc230xFan.open(bus, 0x2f, 1, Optional.of(Emc230xFan.Model.EMC2301), StallDetector.withDefaults(clock));
    }

    @Test
    void opensAnEmc2301WithoutWritingAndDrivesItsFanSetting() throws HalException {
        Emc230xFan fan = openEmc2301();
        assertEquals(List.of(), bus.writes(), "identifying the chip writes nothing");
        assertEquals("emc2301@i2c-10:0x2f/fan1", fan.id());

        fan.apply(Duty.ofPercent(50));
        fan.apply(Duty.FULL);
        fan.apply(Duty.OFF);

        assertEquals(List.of(new Write(0x2f, 0x30, 128), new Write(0x2f, 0x30, 255), new Write(0x2f, 0x30, 0)),
                bus.writes());
        assertFalse(fan.handBack(), "EN_ALGO was off: nobody else drives the fan");
    }

    @Test
    void readsTheTachFromTheTop13BitsHighByteFirst() throws HalException {
        Emc230xFan fan = openEmc2301();
        int count = 3932160 * 2 / 2950;
        assertEquals(3932160 * 2 / count, fan.readRpm().getAsInt());
        List<String> reads = bus.reads();
        assertEquals(List.of("2f:3e", "2f:3f"), reads.subList(reads.size() - 2, reads.size()));
    }

    @Test
    void theRangeBitsOfFanConfigurationOneScaleTheCount() throws HalException {
        // range 11: m = 8, for fans whose minimum is 4000 rpm (the count then spans less time)
        RegisterMapBus.emc2301(bus.chip(0x2f));
        bus.chip(0x2f).set(0x32, 0x6B).set(0x3E, 0x20).set(0x3F, 0x00);
        Emc230xFan fan = Emc230xFan.open(bus, 0x2f, 1, Optional.empty(), StallDetector.disabled());
        assertEquals(3932160 * 8 / (0x20 << 5), fan.readRpm().getAsInt());
    }

    @Test
    void aStoppedFanCountsAll13BitsAndReadsZero() throws HalException {
        Emc230xFan fan = openEmc2301();
        bus.chip(0x2f).set(0x3E, 0xFF).set(0x3F, 0xF8);
        assertEquals(0, fan.readRpm().getAsInt(), "duty is 0% so a stopped fan is no stall");
    }

    @Test
    void zeroRpmAtFullDutyBeyondTheGracePeriodIsAStall() throws HalException {
        Emc230xFan fan = openEmc2301();
        bus.chip(0x2f).set(0x3E, 0xFF).set(0x3F, 0xF8);
        fan.apply(Duty.FULL);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0, fan.readRpm().getAsInt(), "still spinning up");
        clock.advance(Duration.ofSeconds(4));
        HalException stall = assertThrows(HalException.class, fan::readRpm);
        assertEquals(Kind.IMPLAUSIBLE, stall.kind());
        assertTrue(stall.getMessage().contains("reads 0 rpm at 100% duty"), stall.getMessage());
    }

    @Test
    void refusesAChipWithTheWrongIdsBeforeWritingAnything() {
        bus.chip(0x2f).set(0xFD, 0x12).set(0xFE, 0x00);
        HalException e = assertThrows(HalException.class, () -> Emc230xFan.open(bus, 0x2f, 1,
                Optional.of(Emc230xFan.Model.EMC2301), StallDetector.disabled()));
        assertEquals(Kind.WRONG_DEVICE, e.kind());
        assertTrue(e.getMessage().startsWith("EMC2301 expected at 0x2f on i2c-10: product id 0x12, vendor 0x00"),
                e.getMessage());
        assertEquals(List.of(), bus.writes());
    }

    @Test
    void refusesAnotherFamilyMemberThanTheConfigNames() {
        bus.chip(0x2f).set(0xFD, 0x34).set(0xFE, 0x5D);
        HalException e = assertThrows(HalException.class, () -> Emc230xFan.open(bus, 0x2f, 1,
                Optional.of(Emc230xFan.Model.EMC2301), StallDetector.disabled()));
        assertEquals(Kind.WRONG_DEVICE, e.kind());
        assertTrue(e.getMessage().contains("found EMC2305"), e.getMessage());
    }

    @Test
    void aNackIsAnIoErrorNamingBusAddressAndRegister() {
        HalException e = assertThrows(HalException.class, () -> Emc230xFan.open(bus, 0x2f, 1, Optional.empty(),
                StallDetector.disabled()));
        assertEquals(Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().contains("i2c-10 address 0x2f, reading register 0xfd: no acknowledgement (NACK)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("i2cdetect -y 10"), e.getMessage());
    }

    @Test
    void aNackOnTheFanSettingSurfacesAtApply() throws HalException {
        Emc230xFan fan = openEmc2301();
        bus.chip(0x2f).nackWritesTo(0x30);
        HalException e = assertThrows(HalException.class, () -> fan.apply(Duty.FULL));
        assertEquals(Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("EMC2301 fan 1 at 0x2f on i2c-10 writing fan setting"), e.getMessage());
    }

    @Test
    void drivesFanThreeOfAnEmc2305AtItsOwnRegisters() throws HalException {
        bus.chip(0x4d).set(0xFD, 0x34).set(0xFE, 0x5D).set(0x52, 0x2B);
        Emc230xFan fan = Emc230xFan.open(bus, 0x4d, 3, Optional.empty(), StallDetector.disabled());
        assertEquals(Emc230xFan.Model.EMC2305, fan.model());
        fan.apply(Duty.ofPwm(200));
        assertEquals(List.of(new Write(0x4d, 0x50, 200)), bus.writes());
        bus.chip(0x4d).set(0x5E, 0x10).set(0x5F, 0x00);
        assertEquals(3932160 * 2 / (0x10 << 5), fan.readRpm().getAsInt());
    }

    @Test
    void aFanNumberTheChipDoesNotHaveIsRefused() {
        RegisterMapBus.emc2301(bus.chip(0x2f));
        HalException e = assertThrows(HalException.class, () -> Emc230xFan.open(bus, 0x2f, 2, Optional.empty(),
                StallDetector.disabled()));
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("EMC2301 at 0x2f on i2c-10 has 1 fan output; fan 2 does not exist"),
                e.getMessage());
    }

    @Test
    void switchesTheChipsOwnAlgorithmOffAndBackOn() throws HalException {
        RegisterMapBus.emc2301(bus.chip(0x2f)).set(0x32, 0xAB);
        Emc230xFan fan = Emc230xFan.open(bus, 0x2f, 1, Optional.empty(), StallDetector.disabled());
        assertEquals(List.of(new Write(0x2f, 0x32, 0x2B)), bus.writes());
        assertTrue(fan.handBack());
        assertEquals(new Write(0x2f, 0x32, 0xAB), bus.writes().get(1));
    }
}
