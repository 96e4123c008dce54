package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that use a configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (YAML). Default: for run (not with --sim), probe and curve (without --profile), "
                    + "/etc/pifan/pifan.yaml when it exists; else the built-in defaults of the board profile.")
    Path file;

    /**
     * The configuration from the file, or the profile's defaults without one; {@code board: auto}
     * in the file takes the defaults of {@code profile}. Bad content: exit 1.
     */
    PifanConfig load(String profile) {
        if (file == null) {
            return PifanConfig.defaults(profile);
        }
        return loadFile(file, profile);
    }

    /**
     * As {@link #load}, but without {@code --config} the installed config when there is one (what
     * {@code pifan run} reads on the node), before the profile's defaults.
     */
    PifanConfig loadOrInstalled(Path installed, String profile) {
        if (file == null && Files.exists(installed)) {
            return loadFile(installed);
        }
        return load(profile);
    }

    /** Whether the file holds no YAML at all (false when it cannot be read: loading it says why). */
    static boolean isBlank(Path file) {
        try {
            return dev.pifan.config.ConfigFile.read(file).isBlank();
        } catch (ConfigException e) {
            return false;
        }
    }

    static PifanConfig loadFile(Path file) {
        return loadFile(file, ProfileDefaults.AUTO_PROFILE);
    }

    static PifanConfig loadFile(Path file, String autoProfile) {
        try {
            return ConfigLoader.load(file, autoProfile);
        } catch (ConfigException e) {
            throw CliError.badContent(e.getMessage());
        }
    }
}
