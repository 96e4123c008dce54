package dev.pifan.hal;

import java.util.Locale;

/**
 * The board pifan runs on, from {@code /proc/device-tree/model} ("Raspberry Pi 5 Model B Rev 1.0")
 * or the simulator.
 */
public record BoardModel(Family family, String description) {

    /** The board families whose fans and sensors differ. */
    public enum Family {
        PI4, PI5, CM4, CM5, OTHER_PI, SIMULATED, UNKNOWN
    }

    public BoardModel {
        if (family == null || description == null) {
            throw new IllegalArgumentException("board model needs a family and a description");
        }
    }

    public static final BoardModel UNKNOWN = new BoardModel(Family.UNKNOWN, "unknown board");

    /** Classifies the text of {@code /proc/device-tree/model} (which ends in a NUL byte). */
    public static BoardModel parse(String modelText) {
        String text = modelText.replace("\0", "").strip();
        String lower = text.toLowerCase(Locale.ROOT);
        Family family;
        if (lower.startsWith("raspberry pi compute module 4")) {
            family = Family.CM4;
        } else if (lower.startsWith("raspberry pi compute module 5")) {
            family = Family.CM5;
        } else if (lower.startsWith("raspberry pi 5") || lower.startsWith("raspberry pi 500")) {
            family = Family.PI5;
        } else if (lower.startsWith("raspberry pi 4") || lower.startsWith("raspberry pi 400")) {
            family = Family.PI4;
        } else if (lower.startsWith("raspberry pi")) {
            family = Family.OTHER_PI;
        } else {
            family = Family.UNKNOWN;
        }
        return new BoardModel(family, text.isEmpty() ? "unknown board" : text);
    }

    public static BoardModel simulated(String profileName) {
        return new BoardModel(Family.SIMULATED, "simulated " + profileName);
    }

    @Override
    public String toString() {
        return description;
    }
}
