package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bench tables of docs/benchmarks.md are what {@code pifan bench --markdown} prints today, so
 * that a change of the defaults or the control rules cannot leave the published figures behind.
 */
class BenchTablesDocTest {

    private static final Path DOC = Path.of("..", "docs", "benchmarks.md");
    private static final String BEGIN = "<!-- pifan bench --markdown: begin (BenchTablesDocTest keeps it current) -->\n";
    private static final String END = "<!-- pifan bench --markdown: end -->";

    @Test
    void theDocShowsTheBenchAsItIsNow() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/benchmarks.md has no bench tables between the markers " + BEGIN.strip() + " and " + END);
        }
        String published = doc.substring(begin + BEGIN.length(), end);
        Cli bench = Cli.run("bench", "--quiet", "--markdown");
        assertEquals(0, bench.exitCode(), bench.err());
        assertEquals(bench.out(), published,
                "docs/benchmarks.md's bench tables are out of date: paste `./pifan bench --markdown` between the markers");
    }

    private static final String PERTURB_BEGIN = "<!-- perturb: begin (BenchTablesDocTest keeps it current) -->\n```\n";
    private static final String PERTURB_END = "```\n<!-- perturb: end -->";

    /** The perturbed bench's pass rates in the doc are today's (about 20 s of runs). */
    @Test
    void theDocShowsThePerturbedBenchAsItIsNow() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(PERTURB_BEGIN);
        int end = doc.indexOf(PERTURB_END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/benchmarks.md has no perturbed bench between the markers");
        }
        Cli bench = Cli.run("bench", "--quiet", "--perturb", "20", "--seed", "1");
        assertEquals(bench.out(), doc.substring(begin + PERTURB_BEGIN.length(), end),
                "docs/benchmarks.md's perturbed bench is out of date: paste `./pifan bench --perturb 20 --seed 1`"
                        + " between the markers");
    }

    /** The quiet-hours bench in the doc is today's. */
    @Test
    void theDocShowsTheQuietHoursBenchAsItIsNow() throws IOException {
        String begin = "<!-- quiet-cap: begin (BenchTablesDocTest keeps it current) -->\n```\n";
        String end = "```\n<!-- quiet-cap: end -->";
        String doc = Files.readString(DOC);
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("docs/benchmarks.md has no quiet-hours bench between the markers");
        }
        Cli bench = Cli.run("bench", "--quiet", "--quiet-cap", "30%");
        assertEquals(bench.out(), doc.substring(from + begin.length(), to),
                "docs/benchmarks.md's quiet-hours bench is out of date: paste `./pifan bench --quiet-cap 30%`"
                        + " between the markers");
    }
}
