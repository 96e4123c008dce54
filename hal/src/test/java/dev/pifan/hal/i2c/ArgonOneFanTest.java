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

    private static final ArgonOneFan.Settle NO_WAIT = () -> { };
    private final RegisterMapBus bus = new RegisterMapBus(1);
    private int settles;
    private final ArgonOneFan.Settle counted = () -> settles++;

    @Test
    void registerFirmwareGetsThePercentInRegister0x80StartingAtFullSpeed() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.REGISTER, NO_WAIT);
        fan.apply(Duty.ofPercent(55));
        assertEquals(List.of(new Write(0x1a, 0x80, 100), new Write(0x1a, 0x80, 55)), bus.writes());
        fan.apply(Duty.ofRatio(0.337));
        assertEquals(Duty.ofPercent(34), fan.driven().orElseThrow(), "the whole percent sent");
    }

    @Test
    void legacyFirmwareGetsOneBareByte() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.LEGACY, NO_WAIT);
        fan.apply(Duty.ofPercent(10));
        assertEquals(List.of(new Write(0x1a, -1, 100), new Write(0x1a, -1, 10)), bus.writes());
    }

    @Test
    void autoFallsBackToTheBareByteWhenRegister0x80IsRefusedAndStaysThere() throws HalException {
        bus.chip(0x1a).nackWritesTo(0x80);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO, NO_WAIT);
        assertEquals(ArgonOneFan.Protocol.LEGACY, fan.protocol());
        fan.apply(Duty.ofPercent(30));
        assertEquals(List.of(new Write(0x1a, -1, 100), new Write(0x1a, -1, 30)), bus.writes());
    }

    @Test
    void autoFindsNewerFirmwareTheWayArgonsScriptDoes() throws HalException {
        bus.chip(0x1a).set(0x80, 40);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO, counted);
        assertEquals(ArgonOneFan.Protocol.REGISTER, fan.protocol());
        assertEquals(1, settles, "one wait between the check's write and its read-back");
        assertEquals(List.of(new Write(0x1a, 0x80, 41), new Write(0x1a, 0x80, 100)), bus.writes(),
                "one higher, then full speed");
    }

    @Test
    void autoChecksWith98WhenTheFanIsAlreadyAt99OrMore() throws HalException {
        bus.chip(0x1a).set(0x80, 100);
        ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO, NO_WAIT);
        assertEquals(new Write(0x1a, 0x80, 98), bus.writes().get(0));
    }

    @Test
    void aRegisterThatDoesNotMoveIsLegacyFirmware() throws HalException {
        bus.chip(0x1a).set(0x80, 40).ignoreWritesTo(0x80);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO, NO_WAIT);
        assertEquals(ArgonOneFan.Protocol.LEGACY, fan.protocol());
        assertEquals(new Write(0x1a, -1, 100), bus.writes().get(1), "full speed as the bare byte");
    }

    @Test
    void oneNackDuringTheCheckDoesNotMakeANewerCaseLegacy() throws HalException {
        bus.chip(0x1a).set(0x80, 40).nackNextReads(1);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.AUTO, NO_WAIT);
        assertEquals(ArgonOneFan.Protocol.REGISTER, fan.protocol());
    }

    @Test
    void neverSends0xFfWhichPowersThePiOff() throws HalException {
        bus.chip(0x1a);
        ArgonOneFan fan = ArgonOneFan.open(bus, 0x1a, ArgonOneFan.Protocol.LEGACY, NO_WAIT);
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
                ArgonOneFan.Protocol.AUTO, NO_WAIT));
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("no Argon ONE answers at 0x1a on i2c-1"), e.getMessage());
        assertTrue(e.getMessage().contains("dtparam=i2c_arm=on"), e.getMessage());
    }
}
