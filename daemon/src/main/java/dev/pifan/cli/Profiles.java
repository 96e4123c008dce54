package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigFile;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.PlantFile;
import dev.pifan.hal.sim.PlantFormatException;
import java.nio.file.Path;

/** Board profile names and plant files from the command line. */
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

    /**
     * The plant in {@code file} ({@code --plant}), named after the file without {@code .yaml}. Read
     * as a config is (a regular file, bounded, UTF-8), so a FIFO or {@code /dev/zero} is refused
     * rather than waited on.
     */
    static BoardProfile plant(Path file) {
        String text;
        try {
            text = ConfigFile.read(file).text();
        } catch (ConfigException e) {
            throw CliError.badContent(e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        try {
            return PlantFile.parse(text, name, file.toString());
        } catch (PlantFormatException e) {
            throw CliError.badContent(e.getMessage());
        }
    }

    /** The physics of a run: the plant file if one is given, else the profile's own. */
    static BoardProfile physics(String profile, Path plantFile) {
        return plantFile == null ? profile(profile) : plant(plantFile);
    }
}
