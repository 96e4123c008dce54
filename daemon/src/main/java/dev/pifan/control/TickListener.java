package dev.pifan.control;

/**
 * Receives each tick's snapshot. Runs on the control thread: it must be quick and must not throw
 * (the loop logs and ignores a listener that does, so a broken metrics exporter cannot stop the fan).
 */
@FunctionalInterface
public interface TickListener {
    void onTick(Snapshot snapshot);
}
