package dev.pifan.cli;

import dev.pifan.config.FanConfig;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.TrayFile;
import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.TrayFan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tray ready to simulate: the shared fan, the stale-after of its rule, and each board with its
 * physics under that fan, its load, and the config its pifan runs.
 *
 * @param name names the tray in output (the tray file, or {@code 4 x pi5-active-cooler})
 */
record TraySetup(String name, TrayFan fan, Duration staleAfter, List<Board> boards) {

    /** How many of the tray node's intervals a member may be silent by default (docs/tray.md). */
    static final int DEFAULT_STALE_INTERVALS = 3;

    /**
     * One board.
     *
     * @param own its physics with its own fan (for the comparison with a fan per board)
     * @param underTray its physics under the tray fan ({@link TrayFan#cooling})
     * @param config what its pifan runs under the tray: its profile's defaults, with the tray fan's limits
     * @param ownConfig what its pifan runs with its own fan: its profile's defaults
     */
    record Board(String name, String profile, BoardProfile own, BoardProfile underTray, Scenario scenario,
                 PifanConfig config, PifanConfig ownConfig) {
    }

    TraySetup {
        boards = List.copyOf(boards);
    }

    Board node() {
        return boards.get(0);
    }

    List<Board> members() {
        return boards.subList(1, boards.size());
    }

    /** The tray of a tray file; {@code durationS}, when given, cuts every board's load. */
    static TraySetup of(TrayFile file, Long durationS) {
        List<Board> boards = new ArrayList<>();
        for (TrayFile.Board b : file.boards()) {
            BoardProfile own = b.plant().isPresent() ? Profiles.plant(b.plant().get()) : Profiles.profile(b.profile());
            Scenario scenario = b.scenario().isPresent() ? Scenarios.named(b.scenario().get())
                    : BenchCommand.traceScenario(b.trace().orElseThrow());
            if (durationS != null) {
                scenario = scenario.withDuration(durationS);
            }
            boards.add(board(b.name(), b.profile(), own, file.fan(), b.share(), b.ownAirflowCfm(), scenario));
        }
        Duration staleAfter = file.staleAfter()
                .orElse(boards.get(0).config().interval().multipliedBy(DEFAULT_STALE_INTERVALS));
        return new TraySetup(file.source(), file.fan(), staleAfter, boards);
    }

    /** {@code n} boards of one profile on one load, each with an equal share of the fan: what bench --tray runs. */
    static TraySetup uniform(BoardProfile profile, int n, Scenario scenario, TrayFan fan) {
        List<Board> boards = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            boards.add(board("board" + i, profile.name(), profile, fan, 1.0 / n, TrayFan.DEFAULT_OWN_AIRFLOW_CFM,
                    scenario));
        }
        Duration staleAfter = boards.get(0).config().interval().multipliedBy(DEFAULT_STALE_INTERVALS);
        return new TraySetup(n + " x " + profile.name(), fan, staleAfter, boards);
    }

    private static Board board(String name, String profile, BoardProfile own, TrayFan fan, double share,
            double ownAirflowCfm, Scenario scenario) {
        PifanConfig defaults = PifanConfig.defaults(profile);
        return new Board(name, profile, own, fan.cooling(own, share, ownAirflowCfm), scenario,
                underTrayFan(defaults, fan), defaults);
    }

    /**
     * A board's config under the tray fan: every duty its pifan asks for is a duty of that fan, so
     * its {@code fan.min-duty} and {@code fan.start-duty} are the tray fan's, a point above the
     * duties at which it stops and starts (as the profiles' own sit above their fans').
     */
    static PifanConfig underTrayFan(PifanConfig config, TrayFan fan) {
        FanConfig f = config.fan();
        Duty min = Duty.ofRatio(Math.min(1, fan.dStop() + MARGIN));
        Duty start = Duty.ofRatio(Math.min(1, fan.dStart() + MARGIN));
        return config.withFan(new FanConfig(min, start, f.kick(), f.exit(), f.takeover()));
    }

    /** One point of duty above a fan's stop and start duties. */
    private static final double MARGIN = 0.01;
}
