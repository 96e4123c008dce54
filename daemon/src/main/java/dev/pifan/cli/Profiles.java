package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;

/** Board profile names from the command line. */
final class Profiles {

    private Profiles() {
    }

    /** The profile's name if it is a known profile; a usage error listing the valid names if not. */
    static String require(String name) {
        return profile(name).name();
    }

    static BoardProfile profile(String name) {
        try {
            return BoardProfile.named(name);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
    }
}
