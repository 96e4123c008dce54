package dev.pifan.control;

import java.util.Locale;

/** What the daemon leaves the fan at when it stops ({@code fan.exit}; {@link ControlLoop#leaveFan}). */
public enum ExitState {
    /** Hand the fan back to the kernel where it has automatic control, else full speed. */
    AUTO,
    /** Full speed: the safe choice when nothing else will look after the board. */
    FULL;

    /** The word used in the config file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
