package dev.pifan.hal.linux;

/**
 * Which fan to drive; the {@code hardware.fan} part of the config. Each driver's spec lives with
 * the rest of that driver, in {@link dev.pifan.hal.linux.fans}.
 */
public interface FanSpec {

    /** The flow YAML that selects this fan, as {@code pifan probe} prints it. */
    String toYaml();
}
