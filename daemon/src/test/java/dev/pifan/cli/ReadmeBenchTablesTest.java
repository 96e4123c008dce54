package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's bench tables are what {@code pifan bench --markdown} prints today, so that a change
 * of the defaults or the control rules cannot leave the published figures behind.
 */
class ReadmeBenchTablesTest {

    private static final String BEGIN = "<!-- pifan bench --markdown: begin (ReadmeBenchTablesTest keeps it current) -->\n";
    private static final String END = "<!-- pifan bench --markdown: end -->";

    @Test
    void theReadmeShowsTheBenchAsItIsNow() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("README.md has no bench tables between the markers " + BEGIN.strip() + " and " + END);
        }
        String published = readme.substring(begin + BEGIN.length(), end);
        Cli bench = Cli.run("bench", "--quiet", "--markdown");
        assertEquals(0, bench.exitCode(), bench.err());
        assertEquals(bench.out(), published,
                "README.md's bench tables are out of date: paste `./pifan bench --markdown` between the markers");
    }
}
