package dev.pifan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.sim.TrayFan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tray file reader: what it reads, and every way a tray file can be wrong, each with its line and key. */
class TrayFileTest {

    private static final Path DIR = Path.of("/trays");

    /** Two boards, the smallest tray; {@code more} is appended as written. */
    private static final String TWO = """
            boards:
              - name: node1
                profile: pi5-active-cooler
                scenario: rack-33
              - name: node2
                profile: pi4-heatsink
                scenario: idle-25
            """;

    private static TrayFile read(String yaml) {
        try {
            return TrayFile.parse(yaml, "tray.yaml", DIR);
        } catch (ConfigException e) {
            throw new AssertionError("refused: " + e.getMessage());
        }
    }

    private static List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> TrayFile.parse(yaml, "tray.yaml", DIR),
                () -> "accepted:\n" + yaml).problems();
    }

    /** The file has exactly this one problem, printed as {@code tray.yaml:LINE: PATH: MESSAGE}. */
    private static void expect(String yaml, String printed) {
        List<ConfigProblem> problems = problems(yaml);
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        assertEquals(printed, problems.get(0).toString());
    }

    @Test
    void aSmallTrayTakesTheAssumedFanEqualSharesAndTheDefaultOwnAirflow() {
        TrayFile tray = read(TWO);
        assertEquals(TrayFan.ASSUMED_92MM, tray.fan());
        assertEquals(Optional.empty(), tray.staleAfter());
        assertEquals("node1", tray.node().name());
        assertEquals(List.of("node2"), tray.members().stream().map(TrayFile.Board::name).toList());
        assertEquals(0.5, tray.boards().get(1).share());
        assertEquals(TrayFan.DEFAULT_OWN_AIRFLOW_CFM, tray.boards().get(1).ownAirflowCfm());
        assertEquals("rack-33", tray.node().load());
    }

    @Test
    void everyKeyIsReadAndPathsAreRelativeToTheTrayFile() {
        TrayFile tray = read("""
                stale-after: 5s
                fan: {name: big, rpm-max: 1500, airflow: 40, noise: 20, start-duty: 30%, stop-duty: 0.2, tachometer: false}
                boards:
                  - {name: a, profile: cm4-blade, plant: plants/hot.yaml, trace: loads/a.csv, share: 0.4, own-airflow: 5}
                  - {name: b, profile: cm4-blade, scenario: bursty-ci}
                """);
        assertEquals(Optional.of(java.time.Duration.ofSeconds(5)), tray.staleAfter());
        assertEquals(new TrayFan("big", 1500, 40, 20, 0.3, 0.2, false), tray.fan());
        TrayFile.Board a = tray.node();
        assertEquals(Optional.of(DIR.resolve("plants/hot.yaml")), a.plant());
        assertEquals(Optional.of(DIR.resolve("loads/a.csv")), a.trace());
        assertEquals("a.csv", a.load());
        assertEquals(0.4, a.share());
        assertEquals(5, a.ownAirflowCfm());
        assertEquals(0.5, tray.boards().get(1).share(), "a board without a share gets 1/N");
    }

    @Test
    void anUnknownKeyIsToldTheClosestOne() {
        expect("stale-aftr: 3s\n" + TWO, "tray.yaml:1: stale-aftr: unknown key (did you mean 'stale-after'?)");
        expect("fan: {airflw: 30}\n" + TWO, "tray.yaml:1: fan.airflw: unknown key (did you mean 'airflow'?)");
        expect(TWO + "  - {name: c, profile: cm4-blade, scenario: idle-25, shares: 0.1}\n",
                "tray.yaml:8: boards[2].shares: unknown key (did you mean 'share'?)");
    }

    @Test
    void aValueOfTheWrongKindNamesWhatWasExpected() {
        expect("fan: {noise: loud}\n" + TWO, "tray.yaml:1: fan.noise: \"loud\" is not a number: write e.g. 26.5");
        expect("fan: {rpm-max: 50}\n" + TWO, "tray.yaml:1: fan.rpm-max: 50 outside 100..20000");
        expect("fan: {tachometer: yes}\n" + TWO, "tray.yaml:1: fan.tachometer: \"yes\" is not true or false");
        expect("stale-after: soon\n" + TWO, "tray.yaml:1: stale-after: \"soon\" is not a duration: write e.g. 500ms, 2s,"
                + " 1.5s, 10m or 1h");
        expect("fan: [1, 2]\n" + TWO, "tray.yaml:1: fan: expected a map of settings (name, rpm-max, airflow, noise,"
                + " start-duty, stop-duty, tachometer), found a list");
    }

    @Test
    void aFanThatStopsAboveItsStartDutyIsRefused() {
        expect("fan: {start-duty: 20%, stop-duty: 30%}\n" + TWO, "tray.yaml:1: fan.stop-duty: stop-duty 30% must not"
                + " be above start-duty 20%: a fan stops at a lower duty than it starts at");
    }

    @Test
    void boardsNeedANameAProfileAndExactlyOneLoad() {
        expect("boards:\n  - {profile: cm4-blade, scenario: idle-25}\n  - {name: b, profile: cm4-blade, scenario: idle-25}\n",
                "tray.yaml:2: boards[0]: missing name (a board name like node1)");
        expect("boards:\n  - {name: a, scenario: idle-25}\n  - {name: b, profile: cm4-blade, scenario: idle-25}\n",
                "tray.yaml:2: boards[0]: missing profile (a board profile)");
        expect("boards:\n  - {name: a, profile: cm4-blade}\n  - {name: b, profile: cm4-blade, scenario: idle-25}\n",
                "tray.yaml:2: boards[0]: needs its load: a scenario (idle-25, sustained-25, august-30, rack-33,"
                        + " bursty-ci, brownout, fan-stall) or a trace");
        expect("boards:\n  - {name: a, profile: cm4-blade, scenario: idle-25, trace: a.csv}\n"
                + "  - {name: b, profile: cm4-blade, scenario: idle-25}\n",
                "tray.yaml:2: boards[0]: give a scenario or a trace, not both");
    }

    @Test
    void unknownProfilesAndScenariosAreToldTheValidOnes() {
        expect(TWO.replace("pi4-heatsink", "pi4-heatsnk"), "tray.yaml:6: boards[1].profile: unknown profile"
                + " \"pi4-heatsnk\" (did you mean 'pi4-heatsink'? valid profiles: pi4-heatsink, pi5-active-cooler,"
                + " cm4-blade)");
        expect(TWO.replace("rack-33", "rack-34"), "tray.yaml:4: boards[0].scenario: unknown scenario \"rack-34\""
                + " (did you mean 'rack-33'? valid scenarios: idle-25, sustained-25, august-30, rack-33, bursty-ci,"
                + " brownout, fan-stall)");
    }

    @Test
    void namesAreUniqueAndFitAFaultsSyntax() {
        expect(TWO.replace("node2", "node1"), "tray.yaml:5: boards[1].name: 'node1' names boards[0] already: each board"
                + " needs its own name");
        expect(TWO.replace("node2", "node:2"), "tray.yaml:5: boards[1].name: \"node:2\" is not a board name: 1 to 40"
                + " letters, digits, dots, dashes or underscores, starting with a letter or digit");
    }

    @Test
    void sharesCannotAddUpToMoreThanTheWholeFan() {
        expect("""
                boards:
                  - {name: a, profile: cm4-blade, scenario: idle-25, share: 0.7}
                  - {name: b, profile: cm4-blade, scenario: idle-25, share: 0.6}
                """, "tray.yaml:2: boards: the boards' shares of the fan's airflow add up to 1.300: they can add up to"
                + " 1 at most");
        expect(TWO.replace("scenario: idle-25", "scenario: idle-25\n    share: 1.5"),
                "tray.yaml:8: boards[1].share: 1.5 outside 0.001..1");
    }

    @Test
    void aTrayHasTwoBoardsAtLeastAndIsAMap() {
        expect("fan: {}\n", "tray.yaml:1: boards: missing: a tray lists its boards, the tray node first");
        expect("boards:\n  - {name: a, profile: cm4-blade, scenario: idle-25}\n", "tray.yaml:2: boards: a tray has"
                + " 2..64 boards (the tray node first, then its members), found 1");
        expect("", "tray.yaml: expected a tray: a map of stale-after, fan, boards, found an empty file");
        expect("- a\n", "tray.yaml:1: expected a tray: a map of stale-after, fan, boards, found a list");
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        List<ConfigProblem> problems = problems("""
                fan: {noise: loud, airflow: -1}
                boards:
                  - {name: a, profile: nope, scenario: idle-25}
                  - {name: b, profile: cm4-blade, scenario: never}
                """);
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.stream().allMatch(p -> p.line() > 0), problems::toString);
    }
}
