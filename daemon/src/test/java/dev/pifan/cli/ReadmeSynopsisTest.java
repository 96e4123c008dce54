package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's CLI synopsis names every command picocli knows (bench was once missing), and each
 * command's lines name every one of its options, so that a new command or option cannot be left
 * out of the first page a newcomer reads.
 */
class ReadmeSynopsisTest {

    @Test
    void theSynopsisNamesEveryCommandAndOption() throws IOException {
        String synopsis = synopsis(Files.readString(Path.of("..", "README.md")));
        List<String> missing = new ArrayList<>();
        check(new CommandLine(new PifanCommand()), "pifan", synopsis, missing);
        assertTrue(missing.isEmpty(), "README.md, The CLI: the synopsis lacks " + missing);
    }

    private static void check(CommandLine command, String path, String synopsis, List<String> missing) {
        Map<String, CommandLine> subcommands = command.getSubcommands();
        if (subcommands.isEmpty() || !path.equals("pifan") && hasOwnOptions(command.getCommandSpec())) {
            String lines = linesOf(synopsis, path);
            if (lines == null) {
                missing.add("'" + path + "'");
                return;
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                if (!lines.contains(option.longestName())) {
                    missing.add(option.longestName() + " of '" + path + "'");
                }
            }
        }
        subcommands.forEach((name, sub) -> {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                check(sub, path + " " + name, synopsis, missing);
            }
        });
    }

    private static boolean hasOwnOptions(CommandSpec spec) {
        return spec.options().stream().anyMatch(o -> !o.usageHelp() && !o.versionHelp());
    }

    /** The first code block after the heading "## The CLI". */
    private static String synopsis(String readme) {
        int heading = readme.indexOf("\n## The CLI\n");
        assertTrue(heading >= 0, "README.md has no section '## The CLI'");
        int open = readme.indexOf("```", heading);
        int close = readme.indexOf("\n```", open + 3);
        assertTrue(open >= 0 && close > open, "README.md, The CLI: no code block");
        return readme.substring(readme.indexOf('\n', open) + 1, close + 1);
    }

    /** The synopsis lines of one command: its own line and the indented lines that continue it. */
    private static String linesOf(String synopsis, String path) {
        StringBuilder lines = null;
        for (String line : synopsis.split("\n")) {
            if (line.equals(path) || line.startsWith(path + " ")) {
                lines = new StringBuilder(line);
            } else if (lines != null && line.startsWith(" ")) {
                lines.append('\n').append(line);
            } else if (lines != null) {
                break;
            }
        }
        return lines == null ? null : lines.toString();
    }
}
