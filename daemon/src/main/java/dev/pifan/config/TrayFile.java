package dev.pifan.config;

import dev.pifan.hal.sim.TrayFan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tray to simulate ({@code pifan simulate --tray FILE}, docs/tray.md): one shared fan and the
 * boards under it, the first of them the tray node that the fan is wired to.
 *
 * @param source the file, as messages name it
 * @param staleAfter the tray's {@code stale-after}; empty for the default (three of the tray
 *     node's intervals)
 * @param fan the shared fan
 * @param boards the boards, the tray node first
 */
public record TrayFile(String source, Optional<Duration> staleAfter, TrayFan fan, List<Board> boards) {

    /**
     * One board of the tray.
     *
     * @param name its name in the tray (and in {@code --fault peer-lost:NAME:...})
     * @param profile the board profile whose config defaults its pifan runs, and whose physics it
     *     has unless {@code plant} gives others
     * @param plant a plant file (docs/thermal-model.md) replacing the profile's physics
     * @param scenario a built-in scenario, or empty when {@code trace} gives the load
     * @param trace a load trace CSV, or empty when {@code scenario} gives the load
     * @param share the fraction of the fan's airflow that crosses its heatsink
     * @param ownAirflowCfm the airflow of its own small fan, at which its profile's {@code g_fan} holds
     */
    public record Board(String name, String profile, Optional<Path> plant, Optional<String> scenario,
                        Optional<Path> trace, double share, double ownAirflowCfm) {

        public Board {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(profile, "profile");
            if (scenario.isPresent() == trace.isPresent()) {
                throw new IllegalArgumentException("board " + name + " needs a scenario or a trace, not both");
            }
        }

        /** How its load is named: the scenario's name, or the trace file's. */
        public String load() {
            return scenario.orElseGet(() -> trace.orElseThrow().getFileName().toString());
        }
    }

    public TrayFile {
        boards = List.copyOf(boards);
    }

    /** The board the fan is wired to: the first. */
    public Board node() {
        return boards.get(0);
    }

    /** The other boards, which report to the tray node. */
    public List<Board> members() {
        return boards.subList(1, boards.size());
    }

    /**
     * The tray file at {@code file}, read as a config is (a regular file, bounded, UTF-8); plant
     * and trace paths in it are relative to its directory.
     *
     * @throws ConfigException listing every problem, each with its line and key
     */
    public static TrayFile load(Path file) throws ConfigException {
        String text = ConfigFile.read(file).text();
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** The tray in {@code text}; {@code dir} resolves the relative paths it names. */
    public static TrayFile parse(String text, String source, Path dir) throws ConfigException {
        return new TrayFileReader(source, dir).read(ConfigLoader.compose(text, source));
    }
}
