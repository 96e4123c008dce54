package dev.pifan.hal;

import java.util.Optional;

/**
 * No fan at all: a tray member's board, whose duty is the request it reports to the tray node
 * ({@code fan: {driver: none}}, and the simulated tray's members). Takes every duty and drives
 * nothing; it keeps the last one, to show that it was asked. No tachometer, so no stall rule, and
 * a write that cannot fail.
 */
public final class NoFan implements FanWithoutTachometer {

    private volatile Duty last;

    @Override
    public String id() {
        return "none";
    }

    @Override
    public void apply(Duty duty) {
        last = duty;
    }

    /** The last duty asked for, if any. */
    public Optional<Duty> lastApplied() {
        return Optional.ofNullable(last);
    }
}
