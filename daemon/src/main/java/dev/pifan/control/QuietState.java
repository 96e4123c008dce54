package dev.pifan.control;

/** Where one tick stood with the quiet hours. */
public enum QuietState {
    /** No quiet hours configured, or outside their window. */
    OUTSIDE("outside"),
    /** Inside the window, and the curve asked for no more than the cap. */
    UNDER_CAP("under_cap"),
    /** Inside the window, and the cap lowered the curve's duty. */
    CAPPED("capped"),
    /** Inside the window, and a safety rule or the ceiling ran the fan above the cap. */
    OVERRIDDEN("overridden");

    private final String label;

    QuietState(String label) {
        this.label = label;
    }

    /** The snake_case name used in JSON. */
    public String label() {
        return label;
    }
}
