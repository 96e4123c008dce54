package dev.pifan.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared fan model of docs/thermal-model.md, "A tray of boards". */
class TrayFanTest {

    private static final TrayFan FAN = new TrayFan("test-92mm", 2000, 24, 23, 0.25, 0.15, true);
    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;

    @Test
    void aBoardUnderTheTrayFanKeepsItsOwnPhysicsAndTakesTheFansConstants() {
        BoardProfile under = FAN.cooling(PI5, 0.25, 3);
        assertEquals(new BoardProfile(PI5.name(), PI5.pIdleW(), PI5.pMaxW(), PI5.cDieJPerK(), PI5.rDsKPerW(),
                PI5.cSinkJPerK(), PI5.gPassiveWPerK(), under.gFanWPerK(), 2000, 0.25, 0.15, 23, true), under);
    }

    @Test
    void theAirThatReachesABoardScalesItsConductanceByThePlantsExponent() {
        // a quarter of 24 CFM is 6 CFM, twice the 3 CFM its own fan gave: 2^0.8 times the conductance
        assertEquals(PI5.gFanWPerK() * Math.pow(2, 0.8), FAN.cooling(PI5, 0.25, 3).gFanWPerK(), 1e-12);
        // an eighth is the air of its own fan: the same conductance
        assertEquals(PI5.gFanWPerK(), FAN.cooling(PI5, 0.125, 3).gFanWPerK(), 1e-12);
        // a bigger share cools more, and the passive path does not change
        BoardProfile more = FAN.cooling(PI5, 0.5, 3);
        BoardProfile less = FAN.cooling(PI5, 0.1, 3);
        assertEquals(PI5.gPassiveWPerK(), more.gPassiveWPerK());
        assertEquals(true, more.gFanWPerK() > less.gFanWPerK());
    }

    @Test
    void equalFansAddTenLogNAndTheFloorCountsOnce() {
        // well above the floor, N equal fans are 10 log10(N) louder than one: 8 fans 9.03 dB
        assertEquals(60 + 10 * Math.log10(8), TrayFan.combinedDba(Collections.nCopies(8, 60.0)), 1e-5);
        assertEquals(60 + 10 * Math.log10(2), TrayFan.combinedDba(List.of(60.0, 60.0)), 1e-5);
        // near it, what each fan adds above the room's floor: 8 fans of 20 dB(A) are 28.99, not 29.03
        assertEquals(10 * Math.log10(1 + 8 * (100 - 1)), TrayFan.combinedDba(Collections.nCopies(8, 20.0)), 1e-12);
        assertEquals(30.0, TrayFan.combinedDba(List.of(30.0)), 1e-12);
        // stopped fans are the room's floor, not 10 log10(N) above it
        assertEquals(RunFigures.L_FLOOR_DBA, TrayFan.combinedDba(Collections.nCopies(8, RunFigures.L_FLOOR_DBA)), 1e-12);
        assertEquals(25.0, TrayFan.combinedDba(List.of(25.0, 0.0, 0.0, 0.0)), 1e-12);
    }

    @Test
    void aShareOutsideTheFanOrAFanThatStopsAboveItsStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FAN.cooling(PI5, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> FAN.cooling(PI5, 1.2, 3));
        assertThrows(IllegalArgumentException.class, () -> FAN.cooling(PI5, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrayFan("x", 2000, 24, 23, 0.2, 0.3, true));
        assertThrows(IllegalArgumentException.class, () -> new TrayFan("x", 0, 24, 23, 0.2, 0.1, true));
        assertThrows(IllegalArgumentException.class, () -> TrayFan.combinedDba(List.of()));
    }
}
