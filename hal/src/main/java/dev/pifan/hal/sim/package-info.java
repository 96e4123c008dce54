/**
 * The simulated board: the reference thermal plant of {@code thermal-model.md} (plant spec v1),
 * the scenarios that drive it, and a {@link dev.pifan.hal.Board} on top of it that the daemon
 * cannot tell from hardware.
 *
 * <p>The plant is a benchmark standard, like a test vector: {@link dev.pifan.hal.sim.Plant}
 * transcribes the spec literally and is not tuned. Transcendental functions use {@link
 * java.lang.StrictMath}, so a run is bit-for-bit the same on every JVM and machine, which is what
 * makes figures from different machines comparable.
 *
 * <p>Nothing here does I/O except the CSV readers and writers, and nothing reads the wall clock:
 * time comes from an injected {@link dev.pifan.hal.MonotonicClock}.
 */
package dev.pifan.hal.sim;
