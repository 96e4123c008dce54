package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoardProfileTest {

    @Test
    void builtInsByName() {
        assertEquals(List.of("pi4-heatsink", "pi5-active-cooler", "cm4-blade"), BoardProfile.names());
        assertSame(BoardProfile.PI4_HEATSINK, BoardProfile.named("pi4-heatsink"));
        assertSame(BoardProfile.PI5_ACTIVE_COOLER, BoardProfile.named("pi5-active-cooler"));
        assertSame(BoardProfile.CM4_BLADE, BoardProfile.named("cm4-blade"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> BoardProfile.named("pi3"));
        assertEquals("unknown profile 'pi3': expected one of pi4-heatsink, pi5-active-cooler, cm4-blade",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoardProfile.named(null));
    }

    @Test
    void constantsAreTheSpecTable() {
        BoardProfile pi4 = BoardProfile.PI4_HEATSINK;
        assertEquals(List.of(2.7, 6.4, 3.0, 1.5, 60.0, 0.154, 0.346, 9000.0, 0.30, 0.20, 35.0),
                List.of(pi4.pIdleW(), pi4.pMaxW(), pi4.cDieJPerK(), pi4.rDsKPerW(), pi4.cSinkJPerK(),
                        pi4.gPassiveWPerK(), pi4.gFanWPerK(), pi4.rpmMax(), pi4.dStart(), pi4.dStop(), pi4.lMaxDba()));
        assertFalse(pi4.tach());
        BoardProfile pi5 = BoardProfile.PI5_ACTIVE_COOLER;
        assertEquals(List.of(3.0, 8.5, 3.0, 1.0, 70.0, 0.154, 0.246, 8500.0, 0.25, 0.15, 38.0),
                List.of(pi5.pIdleW(), pi5.pMaxW(), pi5.cDieJPerK(), pi5.rDsKPerW(), pi5.cSinkJPerK(),
                        pi5.gPassiveWPerK(), pi5.gFanWPerK(), pi5.rpmMax(), pi5.dStart(), pi5.dStop(), pi5.lMaxDba()));
        assertTrue(pi5.tach());
        BoardProfile cm4 = BoardProfile.CM4_BLADE;
        assertEquals(List.of(2.0, 5.5, 2.5, 1.5, 40.0, 0.0952, 0.305, 5000.0, 0.20, 0.12, 18.0),
                List.of(cm4.pIdleW(), cm4.pMaxW(), cm4.cDieJPerK(), cm4.rDsKPerW(), cm4.cSinkJPerK(),
                        cm4.gPassiveWPerK(), cm4.gFanWPerK(), cm4.rpmMax(), cm4.dStart(), cm4.dStop(), cm4.lMaxDba()));
        assertTrue(cm4.tach());
    }

    @Test
    void refusesAStopDutyAboveTheStartDuty() {
        assertThrows(IllegalArgumentException.class, () -> new BoardProfile(
                "odd", 2.7, 6.4, 3.0, 1.5, 60, 0.154, 0.346, 9000, 0.20, 0.30, 35, false));
    }
}
