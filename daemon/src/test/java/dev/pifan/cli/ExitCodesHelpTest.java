package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Exit codes" section of --help (and so of the man pages, generated from the same annotations)
 * names the codes the commands return, and docs/cli.md's table for status names the same.
 */
class ExitCodesHelpTest {

    private static final Pattern CODE_LINE = Pattern.compile("(?m)^\\s+(\\d+)\\s{2,}(\\S.*)$");

    /** The code -> description lines under "Exit codes" in a help text. */
    private static Map<Integer, String> exitCodes(String help) {
        int at = help.indexOf("\nExit codes\n");
        assertTrue(at >= 0, "no Exit codes section in:\n" + help);
        Map<Integer, String> codes = new java.util.TreeMap<>();
        Matcher m = CODE_LINE.matcher(help.substring(at));
        while (m.find()) {
            codes.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return codes;
    }

    @Test
    void topHelpListsTheCodesEveryCommandReturns() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.exitCode());
        Map<Integer, String> codes = exitCodes(cli.out());
        assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2, 70)), codes.keySet(), cli.out());
        // the codes behind the words: a wrong command line is 2, a config that cannot be read is 1
        assertEquals(CliError.USAGE, Cli.run("curve", "--no-such-option").exitCode());
        assertTrue(codes.get(CliError.USAGE).startsWith("a wrong command line"), codes.toString());
        assertEquals(CliError.BAD_CONTENT, Cli.run("config", "check", "/nonexistent/pifan.yaml").exitCode());
        assertTrue(codes.get(CliError.BAD_CONTENT).startsWith("bad content"), codes.toString());
        assertTrue(codes.get(Daemon.FATAL_EXIT).startsWith("run: a fatal error"), codes.toString());
    }

    @Test
    void statusHelpListsItsOwnCodes() {
        Cli cli = Cli.run("status", "--help");
        assertEquals(0, cli.exitCode());
        Map<Integer, String> codes = exitCodes(cli.out());
        assertEquals(new TreeSet<>(java.util.List.of(0, 1, 2, 3)), codes.keySet(), cli.out());
        // what exitCode() returns for each state is the line that describes it
        int degraded = StatusCommand.exitCode(Map.of("health", Map.of("ok", true), "reason", "critical"));
        assertTrue(codes.get(degraded).startsWith("degraded"), codes + " for " + degraded);
        int down = StatusCommand.exitCode(Map.of("health", Map.of("ok", false), "reason", "curve"));
        assertTrue(codes.get(down).startsWith("down"), codes + " for " + down);
        int healthy = StatusCommand.exitCode(Map.of("health", Map.of("ok", true), "reason", "curve"));
        assertTrue(codes.get(healthy).startsWith("healthy"), codes + " for " + healthy);
    }

    @Test
    void subcommandsShowTheTopCodes() {
        assertEquals(exitCodes(Cli.run("--help").out()), exitCodes(Cli.run("curve", "--help").out()));
    }

    @Test
    void cliDocumentsTheStatusCodesOfTheHelp() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        int start = doc.indexOf("## `pifan status`");
        String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
        TreeSet<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section);
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        assertEquals(exitCodes(Cli.run("status", "--help").out()).keySet(), documented, section);
    }
}
