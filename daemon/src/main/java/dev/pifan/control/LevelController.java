package dev.pifan.control;

import dev.pifan.hal.Duty;
import java.util.List;

/**
 * A step controller as many fan daemons and firmwares implement it: a list of levels, each entered
 * at a temperature and left {@code leaveBelowC} under that entry point, one level at a time.
 * With no hysteresis it is a plain step function. Used for the baselines of the reference model.
 */
final class LevelController implements Controller {

    /** A duty entered at or above a temperature. */
    record Level(double enterC, Duty duty) {
    }

    private final String name;
    private final Duty idle;
    private final List<Level> levels;
    private final double leaveBelowC;
    private int current = -1; // -1: below every level, the idle duty

    LevelController(String name, Duty idle, List<Level> levels, double leaveBelowC) {
        this.name = name;
        this.idle = idle;
        this.levels = List.copyOf(levels);
        this.leaveBelowC = leaveBelowC;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(Reading reading) {
        if (reading.celsius().isPresent()) {
            double celsius = reading.celsius().getAsDouble();
            while (current + 1 < levels.size() && celsius >= levels.get(current + 1).enterC()) {
                current++;
            }
            while (current >= 0 && celsius < levels.get(current).enterC() - leaveBelowC) {
                current--;
            }
        }
        return Decision.curve(current < 0 ? idle : levels.get(current).duty());
    }
}
