package dev.pifan.hal.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.HalException.Kind;
import dev.pifan.hal.testing.RegisterMapBus;
import dev.pifan.hal.testing.RegisterMapBus.Write;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgonOneFanTest {

    private final RegisterMapBus bus = new RegisterMapBus(1);

    @Test
    void registerFirmwareGetsThePercentInRegister0x80StartingAtFullSpeed() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.REGISTER);
        fan.apply(Duty.ofPercent(55));
        assertEquals(List.of(new Write(0x1a, 0x80, 100), new Write(0x1a, 0x80, 55)), bus.writes());
    }

    @Test
    void legacyFirmwareGetsOneBareByte() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.LEGACY);
        fan.apply(Duty.ofPercent(10));
        assertEquals(List.of(new Write(0x1a, -1, 100), new Write(0x1a, -1, 10)), bus.writes());
    }

    @Test
    void autoFallsBackToTheBareByteWhenRegister0x80IsRefusedAndStaysThere() throws HalException {
        bus.chip(0x1a).nackWritesTo(0x80);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO);
        assertEquals(ArgonOneFan.Protocol.LEGACY, fan.protocol());
        fan.apply(Duty.ofPercent(30));
        assertEquals(List.of(new Write(0x1a, -1, 100), new Write(0x1a, -1, 30)), bus.writes());
    }

    @Test
    void neverSends0xFfWhichPowersThePiOff() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.LEGACY);
        for (int tenths = 0; tenths <= 1000; tenths++) {
            fan.apply(Duty.ofPercent(tenths / 10.0));
        }
        for (int pwm = 0; pwm <= 255; pwm++) {
            fan.apply(Duty.ofPwm(pwm));
        }
        assertTrue(bus.writes().stream().allMatch(w -> w.value() >= 0 && w.value() <= 100), "every byte in 0..100");
        assertEquals(100, ArgonOneFan.encode(Duty.FULL));
        assertEquals(0, ArgonOneFan.encode(Duty.OFF));
    }

    @Test
    void nothingAtTheAddressIsNotFoundWithTheFix() {
        HalException e = assertThrows(HalException.class, () -> ArgonOneFan.open(bus, 0x1a,
                ArgonOneFan.Protocol.AUTO));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("no Argon ONE answers at 0x1a on i2c-1"), e.getMessage());
        assertTrue(e.getMessage().contains("dtparam=i2c_arm=on"), e.getMessage());
    }
}
