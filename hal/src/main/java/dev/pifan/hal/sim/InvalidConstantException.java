package dev.pifan.hal.sim;

/**
 * A plant constant outside its range. It names the constant as the thermal model's table writes it
 * ({@code r_ds}), so that a plant file can point at the line that set it.
 */
public final class InvalidConstantException extends IllegalArgumentException {

    private final String constant;
    private final String problem;

    InvalidConstantException(String profile, String constant, String problem) {
        super("profile " + profile + ": " + constant + " " + problem);
        this.constant = constant;
        this.problem = problem;
    }

    /** What is wrong with the value, {@code -1.0 must be > 0}. */
    public String problem() {
        return problem;
    }

    /** The constant's name in a plant file, {@code r_ds}. */
    public String constant() {
        return constant;
    }
}
