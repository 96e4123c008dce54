package dev.pifan.hal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pifan.hal.Duty;
import dev.pifan.hal.HalException;
import dev.pifan.hal.testing.FakeDevices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpioOnOffFanTest {

    private final FakeDevices devices = new FakeDevices(Provider.DIOZERO);

    @Test
    void switchesAtTheThresholdAndWritesOnlyChanges() throws HalException {
        GpioOnOffFan fan = new GpioOnOffFan("shim", devices.openGpioOutput(18, true), Duty.ofPercent(40), true);
        fan.apply(Duty.ofPercent(39));
        fan.apply(Duty.OFF);
        fan.apply(Duty.ofPercent(40));
        fan.apply(Duty.FULL);
        assertEquals(List.of(true, false, true), devices.pin(18).levels());
    }

    @Test
    void activeLowWiringInvertsTheLevel() throws HalException {
        GpioOnOffFan fan = new GpioOnOffFan("fan", devices.openGpioOutput(12, false), Duty.ofPercent(50), false);
        fan.apply(Duty.FULL);
        fan.apply(Duty.OFF);
        assertEquals(List.of(false, false, true), devices.pin(12).levels());
        fan.close();
        assertEquals(true, devices.pin(12).isClosed());
    }

    @Test
    void drivenIsOffOrFullWhateverTheDuty() throws HalException {
        GpioOnOffFan fan = new GpioOnOffFan("fan", devices.openGpioOutput(12, true), Duty.ofPercent(40), true);
        assertEquals(Optional.empty(), fan.driven(), "nothing written yet");
        fan.apply(Duty.ofPercent(55));
        assertEquals(Optional.of(Duty.FULL), fan.driven());
        fan.apply(Duty.ofPercent(25));
        assertEquals(Optional.of(Duty.OFF), fan.driven());
    }

    @Test
    void aZeroThresholdWouldNeverSwitchOff() {
        assertThrows(IllegalArgumentException.class,
                () -> new GpioOnOffFan("fan", devices.openGpioOutput(12, true), Duty.OFF, true));
    }
}
