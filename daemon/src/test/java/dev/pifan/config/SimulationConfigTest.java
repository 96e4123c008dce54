package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.sim.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void faultsAreReadInOrder() throws ConfigException {
        PifanConfig config = ConfigLoader.parse("""
                simulation:
                  faults:
                    - sensor-error:600:660
                    - sensor-stuck:900:1200:45
                """, "sim.yaml");
        assertEquals(List.of(Fault.parse("sensor-error:600:660"), Fault.parse("sensor-stuck:900:1200:45")),
                config.simulation().faults());
    }

    @Test
    void noSectionMeansNoFaults() throws ConfigException {
        assertTrue(ConfigLoader.parse("board: auto\n", "sim.yaml").simulation().faults().isEmpty());
        assertTrue(ConfigLoader.parse("simulation: {faults: []}\n", "sim.yaml").simulation().faults().isEmpty());
    }

    @Test
    void everyBadFaultIsNamedWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                simulation:
                  faults:
                    - sensor-eror:600:660
                    - fan-error:900:600
                    - [1, 2]
                """, "sim.yaml"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("sim.yaml:3: simulation.faults[0]: unknown fault kind 'sensor-eror'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sim.yaml:4: simulation.faults[1]: fault fan-error:900:600: needs 0 <= START < END"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sim.yaml:5: simulation.faults[2]: expected a fault like sensor-error:600:900"),
                e.getMessage());
    }

    @Test
    void aMapIsNotAList() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("simulation: {faults: {kind: sensor-error}}\n", "sim.yaml"));
        assertTrue(e.getMessage().contains("simulation.faults: expected a list of faults"), e.getMessage());
    }

    @Test
    void unknownKeysGetADidYouMean() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("simulation: {fault: []}\n", "sim.yaml"));
        assertTrue(e.getMessage().contains("simulation.fault: unknown key (did you mean 'faults'?)"), e.getMessage());
    }
}
