package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThrottleFlagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"throttled=0x50005", "50005", "0x50005", "  throttled=0x50005\n", "0X50005"})
    void parsesEveryFormTheFirmwareWrites(String text) {
        assertEquals(0x50005, ThrottleFlags.parse(text).word());
    }

    @Test
    void namesTheBitsOfThePoeBrownout() {
        ThrottleFlags flags = ThrottleFlags.parse("throttled=0x50005");
        assertEquals(Optional.of(true), flags.active(ThrottleCondition.UNDER_VOLTAGE));
        assertEquals(Optional.of(true), flags.active(ThrottleCondition.THROTTLED));
        assertEquals(Optional.of(false), flags.active(ThrottleCondition.ARM_FREQUENCY_CAPPED));
        assertEquals(Optional.of(true), flags.occurred(ThrottleCondition.UNDER_VOLTAGE));
        assertEquals(Optional.of(true), flags.occurred(ThrottleCondition.THROTTLED));
        assertEquals(Optional.of(false), flags.occurred(ThrottleCondition.SOFT_TEMPERATURE_LIMIT));
        assertEquals("0x50005", flags.toHex());
        assertEquals("0x50005 (under_voltage, throttled)", flags.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "throttled=", "0x", "zz", "throttled=0x5000G", "123456789", "-1", "0x-5"})
    void refusesWhatIsNotAHexWord(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThrottleFlags.parse(text));
        assertTrue(e.getMessage().contains("is not a hex word"), e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> ThrottleFlags.parse(null));
    }

    @Test
    void bitsOutsideTheKnownMaskAreUnknownNeverFine() {
        // Talos: rpi_volt tells under-voltage now, nothing else
        ThrottleFlags talos = new ThrottleFlags(0x1, ThrottleCondition.UNDER_VOLTAGE.nowBit());
        assertEquals(Optional.of(true), talos.active(ThrottleCondition.UNDER_VOLTAGE));
        assertEquals(Optional.empty(), talos.active(ThrottleCondition.THROTTLED));
        assertEquals(Optional.empty(), talos.occurred(ThrottleCondition.UNDER_VOLTAGE));
        assertTrue(talos.toString().contains("partly unknown"), talos.toString());
        assertTrue(ThrottleFlags.UNKNOWN.isFullyUnknown());
        assertEquals("unknown", ThrottleFlags.UNKNOWN.toString());
    }

    @Test
    void aBitNobodyCouldSeeIsNotSet() {
        ThrottleFlags flags = new ThrottleFlags(0x50005, ThrottleCondition.UNDER_VOLTAGE.nowBit());
        assertEquals(0x1, flags.word());
        assertFalse(flags.isActive(ThrottleCondition.THROTTLED));
    }

    @Test
    void refusesAMaskWithUndefinedBits() {
        assertThrows(IllegalArgumentException.class, () -> new ThrottleFlags(0, 0x100));
    }
}
