package dev.pifan.cli;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.PifanConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that use a configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (YAML). Default: the built-in defaults of the board profile.")
    Path file;

    /** The configuration from the file, or the profile's defaults without one. Bad content: exit 1. */
    PifanConfig load(String profile) {
        if (file == null) {
            return PifanConfig.defaults(profile);
        }
        return loadFile(file);
    }

    static PifanConfig loadFile(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw CliError.badContent(e.getMessage());
        }
    }
}
