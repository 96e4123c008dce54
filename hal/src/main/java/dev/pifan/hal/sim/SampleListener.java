package dev.pifan.hal.sim;

/**
 * Receives each recorded {@link Sample} of a {@link SimulatedBoard}, in time order, on the thread
 * whose read or apply made the board catch up. It runs while the board is locked, so it should be
 * quick (append to a list, write a CSV row); the board's state is consistent when it is called,
 * so it may read the board. An exception it throws reaches the caller of that read or apply; the
 * sample counts as recorded either way.
 */
@FunctionalInterface
public interface SampleListener {

    void onSample(Sample sample);

    /** A listener that ignores samples, for boards whose samples nobody records. */
    static SampleListener ignoring() {
        return sample -> { };
    }

    /** This listener, then {@code next}. */
    default SampleListener andThen(SampleListener next) {
        return sample -> {
            onSample(sample);
            next.onSample(sample);
        };
    }
}
