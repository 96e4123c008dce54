package dev.pifan.hal.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** The built-in scenarios of {@code thermal-model.md}. */
public final class Scenarios {

    static final double IDLE_LOAD = 0.05;
    static final double FULL_LOAD = 1.0;
    static final long HOUR_S = 3600;

    /** When the sustained scenarios switch from idle to full load. */
    static final long SUSTAINED_STEP_S = 60;

    static final long BURSTY_DURATION_S = 7200;
    static final long BURSTY_SEED = 42;
    static final int IDLE_MIN_S = 60;
    static final int IDLE_MAX_S = 600;
    static final int BURST_MIN_S = 60;
    static final int BURST_MAX_S = 300;

    private static final Map<String, Supplier<Scenario>> BUILT_IN = builtIn();

    private Scenarios() {
    }

    private static Map<String, Supplier<Scenario>> builtIn() {
        Map<String, Supplier<Scenario>> scenarios = new LinkedHashMap<>();
        scenarios.put("idle-25", () -> Scenario.of("idle-25", HOUR_S, LoadTrace.constant(IDLE_LOAD, 25)));
        scenarios.put("sustained-25", () -> sustained("sustained-25", 25));
        scenarios.put("august-30", () -> sustained("august-30", 30));
        scenarios.put("rack-33", () -> sustained("rack-33", 33));
        scenarios.put("bursty-ci", () -> Scenario.of("bursty-ci", BURSTY_DURATION_S, burstyCiTrace()));
        scenarios.put("brownout", () -> sustained("brownout", 25)
                .withUnderVoltage(new Scenario.Window(600, 900))
                .withUnderVoltage(new Scenario.Window(2400, 2460)));
        scenarios.put("fan-stall", () -> sustained("fan-stall", 25).withFanStallAt(1800));
        return Collections.unmodifiableMap(scenarios); // keeps the spec's order for names()
    }

    private static Scenario sustained(String name, double ambientC) {
        return Scenario.of(name, HOUR_S, LoadTrace.step(IDLE_LOAD, SUSTAINED_STEP_S, FULL_LOAD, ambientC));
    }

    /** The built-in scenario of that name. */
    public static Scenario named(String name) {
        Supplier<Scenario> scenario = name == null ? null : BUILT_IN.get(name.strip());
        if (scenario == null) {
            throw new IllegalArgumentException(
                    "unknown scenario '" + name + "': expected one of " + String.join(", ", names()));
        }
        return scenario.get();
    }

    /** The built-in scenario names, in the spec's order. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /**
     * The trace of {@code bursty-ci}: alternating idle (load 0.05) and build bursts (load 1.0) at
     * 25 °C, idle first at t = 0, until 7200 s.
     *
     * <p>The durations come from {@code java.util.Random} seeded with 42, whose algorithm the JDK
     * specifies (a 48-bit linear congruential generator), so the trace is the same on every JVM
     * and can be reproduced in any language:
     *
     * <pre>{@code
     * Random random = new Random(42);
     * t = 0; idle = true;
     * while (t < 7200) {
     *     row(t, idle ? 0.05 : 1.0, 25);
     *     t += idle ? 60 + random.nextInt(541)   // uniform whole seconds in [60, 600]
     *               : 60 + random.nextInt(241);  // uniform whole seconds in [60, 300]
     *     idle = !idle;
     * }
     * }</pre>
     *
     * The last segment may reach past 7200 s; the scenario's duration cuts it.
     */
    public static LoadTrace burstyCiTrace() {
        Random random = new Random(BURSTY_SEED);
        List<LoadTrace.Row> rows = new ArrayList<>();
        long t = 0;
        boolean idle = true;
        while (t < BURSTY_DURATION_S) {
            rows.add(new LoadTrace.Row(t, idle ? IDLE_LOAD : FULL_LOAD, 25));
            t += idle
                    ? IDLE_MIN_S + random.nextInt(IDLE_MAX_S - IDLE_MIN_S + 1)
                    : BURST_MIN_S + random.nextInt(BURST_MAX_S - BURST_MIN_S + 1);
            idle = !idle;
        }
        return new LoadTrace(rows);
    }
}
