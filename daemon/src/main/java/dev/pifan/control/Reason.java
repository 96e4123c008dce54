package dev.pifan.control;

/** Why the fan runs at the duty it runs at. Safety reasons always mean full speed. */
public enum Reason {
    /** The fan curve (with hysteresis and the fan's minimum duty). */
    CURVE("curve", false),
    /** A stopped fan being started at the start duty. */
    KICK("kick", false),
    /** The ceiling guard trims the duty that holds the temperature at the ceiling. */
    CEILING("ceiling", false),
    /** The quiet hours cap the curve's duty. */
    QUIET("quiet", false),
    /** The sensor failed, but fewer times in a row than the configured limit: the last duty holds. */
    HOLD("hold", false),
    /** A tray member asks for more than this node's own rules: the shared fan runs at its request. */
    PEER("peer", false),
    /** At or above the critical temperature. */
    CRITICAL("critical", true),
    /** The temperature cannot be read, or makes no sense. */
    SENSOR_FAILURE("sensor_failure", true),
    /** The firmware throttles the CPU for heat. */
    THROTTLING("throttling", true),
    /** The fan is driven but its tachometer reads (almost) 0. */
    FAN_STALL("fan_stall", true),
    /** The last write to the fan failed. */
    FAN_FAILURE("fan_failure", true),
    /** A tray member not heard from for {@code tray.stale-after}: it counts as hot. */
    PEER_LOST("peer_lost", true),
    /** A tray member's own safety rule fired (its sensor, flags, fan or critical temperature). */
    PEER_SAFETY("peer_safety", true);

    private final String label;
    private final boolean safety;

    Reason(String label, boolean safety) {
        this.label = label;
        this.safety = safety;
    }

    /** The snake_case name used in logs, metrics labels and JSON. */
    public String label() {
        return label;
    }

    /** Whether this reason is a safety override (always full speed). */
    public boolean isSafety() {
        return safety;
    }
}
