package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bench figures of docs/benchmarks.md are what {@code pifan bench} prints today, so that a
 * change of the defaults or the control rules cannot leave the published figures behind.
 */
class BenchTablesDocTest {

    private static final Path DOC = Path.of("..", "docs", "benchmarks.md");
    private static final String KEPT = " (BenchTablesDocTest keeps it current) -->\n";

    @Test
    void theDocShowsTheBenchAsItIsNow() throws IOException {
        assertTheDocShows("<!-- pifan bench --markdown: begin" + KEPT, "<!-- pifan bench --markdown: end -->",
                "bench", "--quiet", "--markdown");
    }

    /** The perturbed bench's pass rates (about 20 s of runs). */
    @Test
    void theDocShowsThePerturbedBenchAsItIsNow() throws IOException {
        assertTheDocShows("<!-- perturb: begin" + KEPT + "```\n", "```\n<!-- perturb: end -->",
                "bench", "--quiet", "--perturb", "20", "--seed", "1");
    }

    @Test
    void theDocShowsTheQuietHoursBenchAsItIsNow() throws IOException {
        assertTheDocShows("<!-- quiet-cap: begin" + KEPT + "```\n", "```\n<!-- quiet-cap: end -->",
                "bench", "--quiet", "--quiet-cap", "30%");
    }

    /** One tray fan against a fan per board (about 10 s of runs). */
    @Test
    void theDocShowsTheTrayBenchAsItIsNow() throws IOException {
        assertTheDocShows("<!-- pifan bench --tray --markdown: begin" + KEPT, "<!-- pifan bench --tray --markdown: end -->",
                "bench", "--quiet", "--tray", "--markdown");
    }

    /** What the doc holds between {@code begin} and {@code end} is what {@code pifan args} prints. */
    private static void assertTheDocShows(String begin, String end, String... args) throws IOException {
        String doc = Files.readString(DOC);
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("docs/benchmarks.md has nothing between the markers " + begin.strip() + " and " + end);
        }
        Cli bench = Cli.run(args);
        assertEquals(bench.out(), doc.substring(from + begin.length(), to), "docs/benchmarks.md is out of date: paste"
                + " `./pifan " + String.join(" ", args) + "` between the markers " + begin.strip());
    }
}
