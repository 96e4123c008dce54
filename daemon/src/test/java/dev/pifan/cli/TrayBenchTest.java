package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.TrayFan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pifan bench --tray}: the default tray fan keeps every board of every tray under its ceiling. */
class TrayBenchTest {

    @Test
    void theTrayFanKeepsEveryBoardUnderItsCeilingOnEveryTrayOfTheBench() {
        List<BoardProfile> profiles = BoardProfile.names().stream().map(BoardProfile::named).toList();
        List<Bench.Case> cases = TrayBench.SCENARIOS.stream()
                .map(name -> new Bench.Case(Scenarios.named(name), "--scenario " + name)).toList();
        List<TrayBench.Row> rows = TrayBench.run(profiles, cases, TrayFan.ASSUMED_92MM, 65, Bench.Progress.NONE);
        assertEquals(profiles.size() * cases.size() * TrayBench.SIZES.size(), rows.size());
        StringBuilder failed = new StringBuilder();
        for (TrayBench.Row row : rows) {
            List<RunFigures> boards = row.comparison().tray().boards().stream().map(TraySimulation.BoardRun::figures)
                    .toList();
            assertEquals(row.boards(), boards.size());
            double worst = boards.stream().mapToDouble(RunFigures::peakC).max().orElseThrow();
            System.out.printf("tray of %d %s on %s: worst peak %.2f C, tray fan %.2f dB(A), %d own fans %.2f dB(A)%n",
                    row.boards(), row.profile().name(), row.scenario().name(), worst, row.comparison().trayFanDba(),
                    row.boards(), row.comparison().ownFansDba());
            for (int i = 0; i < boards.size(); i++) {
                RunFigures f = boards.get(i);
                if (f.overTargetS() > 0 || f.throttledS() > 0 || !row.comparison().verdicts().get(i).ceiling()) {
                    failed.append(row.profile().name()).append(' ').append(row.scenario().name()).append(" tray of ")
                            .append(row.boards()).append(" board ").append(i + 1).append(": ").append(f).append('\n');
                }
            }
        }
        assertEquals("", failed.toString(), "boards above their ceiling under the tray fan");
    }

    @Test
    void theTextTableFitsEightyColumnsAndMarkdownKeepsBenchsStyle() {
        Cli text = Cli.run("bench", "--tray", "--profile", "pi4-heatsink", "--scenario", "rack-33");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().lines().allMatch(line -> line.length() <= 80), "80 columns:\n" + text.out());
        assertTrue(text.out().contains("\npi4-heatsink\n  scenario  n  cooling"), text.out());
        assertTrue(text.out().contains("  rack-33   4  1 tray fan"), text.out());
        assertTrue(text.out().contains("            4  4 own fans"), text.out());
        assertTrue(text.out().endsWith("2 of 2 trays keep every board under the ceiling (0 s over, 0 s throttled)\n"),
                text.out());
        assertTrue(text.err().contains("\rbench: 1/2 pi4-heatsink rack-33 tray of 4"), text.err());

        Cli markdown = Cli.run("bench", "--tray", "--quiet", "--markdown", "--profile", "cm4-blade", "--scenario",
                "idle-25");
        assertEquals(0, markdown.exitCode(), markdown.err());
        assertTrue(markdown.out().contains("#### cm4-blade\n\n| scenario | boards | cooling | leq_dba | peak_c |"),
                markdown.out());
        assertTrue(markdown.out().contains("|---|---:|---|---:|"), markdown.out());
        assertEquals("", markdown.err());
    }

    @Test
    void optionsOfTheOtherBenchesAreRefused() {
        Cli cli = Cli.run("bench", "--tray", "--json");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("--json does not go with --tray"), cli.err());
    }
}
