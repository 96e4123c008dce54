package dev.pifan.config;

import dev.pifan.hal.sim.Fault;
import java.util.List;

/**
 * What the simulated board does besides its scenario: the faults injected into it, for
 * {@code pifan run --sim} and {@code pifan simulate} (added to their {@code --fault} options).
 * A real board ignores this section.
 */
public record SimulationConfig(List<Fault> faults) {

    public static final SimulationConfig NONE = new SimulationConfig(List.of());

    public SimulationConfig {
        faults = List.copyOf(faults);
    }
}
