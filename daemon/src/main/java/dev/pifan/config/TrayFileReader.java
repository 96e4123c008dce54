package dev.pifan.config;

import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.TrayFan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Walks the YAML node tree of a tray file onto {@link TrayFile}, with the config reader's helpers:
 * every problem with its line and key ({@code tray.yaml:9: boards[1].share: 1.5 outside 0..1}),
 * all of them before it gives up. Keys the fan section leaves out take {@link TrayFan#ASSUMED_92MM}'s.
 */
final class TrayFileReader {

    static final List<String> ROOT_KEYS = List.of("stale-after", "fan", "boards");
    static final List<String> FAN_KEYS = List.of("name", "rpm-max", "airflow", "noise", "start-duty", "stop-duty",
            "tachometer");
    static final List<String> BOARD_KEYS = List.of("name", "profile", "plant", "scenario", "trace", "share",
            "own-airflow");
    /** A 2U tray holds eight; a rack of trays is several tray files. */
    static final int MAX_BOARDS = 64;
    /** Names go into {@code --fault peer-lost:NAME:...} and file names: no colons, commas or slashes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    /** Shares are fractions written in decimals: three boards of 0.333 leave this much unassigned. */
    private static final double SHARE_ROUNDING = 0.01;

    private final ConfigReader reader;
    private final Path dir;

    TrayFileReader(String source, Path dir) {
        this.reader = new ConfigReader(source);
        this.dir = dir;
    }

    /** @param root the document, null for an empty file */
    TrayFile read(Node root) throws ConfigException {
        if (root == null || ConfigReader.isNull(root) || !(root instanceof MappingNode)) {
            reader.problem("", root == null ? 0 : ConfigReader.line(root), "expected a tray: a map of "
                    + String.join(", ", ROOT_KEYS) + (root == null ? ", found an empty file"
                    : ", found " + ConfigReader.describe(root)));
            throw reader.failure();
        }
        Map<String, NodeTuple> top = reader.section(root, "", ROOT_KEYS);
        Duration staleAfter = reader.value(top, "stale-after", "a duration",
                ConfigReader.within(Units::duration, Duration.ofMillis(100), Duration.ofHours(1), "100ms..1h"), null);
        TrayFan fan = fan(top.get("fan"));
        List<TrayFile.Board> boards = boards(top.get("boards"), root);
        if (reader.problemCount() > 0 || fan == null || boards == null) {
            throw reader.failure();
        }
        return new TrayFile(reader.source(), Optional.ofNullable(staleAfter), fan, boards);
    }

    private TrayFan fan(NodeTuple entry) {
        TrayFan d = TrayFan.ASSUMED_92MM;
        Map<String, NodeTuple> fan = reader.section(entry == null ? null : entry.getValueNode(), "fan", FAN_KEYS);
        String name = reader.value(fan, "fan.name", "a name", TrayFileReader::text, d.name());
        Double rpmMax = reader.value(fan, "fan.rpm-max", "a speed in rpm", number(100, 20000, "100..20000"),
                d.rpmMax());
        Double airflow = reader.value(fan, "fan.airflow", "an airflow in CFM", number(0.1, 1000, "0.1..1000 CFM"),
                d.airflowCfm());
        Double noise = reader.value(fan, "fan.noise", "a noise level in dB(A)", number(0, 100, "0..100 dB(A)"),
                d.lMaxDba());
        Duty start = reader.value(fan, "fan.start-duty", "a duty", Units::duty, Duty.ofRatio(d.dStart()));
        Duty stop = reader.value(fan, "fan.stop-duty", "a duty", Units::duty, Duty.ofRatio(d.dStop()));
        Boolean tach = reader.value(fan, "fan.tachometer", "true or false", TrayFileReader::flag, d.tach());
        if (start != null && stop != null && stop.compareTo(start) > 0) {
            Node at = fan.containsKey("fan.stop-duty") ? fan.get("fan.stop-duty").getValueNode()
                    : fan.get("fan.start-duty").getValueNode();
            reader.problem(fan.containsKey("fan.stop-duty") ? "fan.stop-duty" : "fan.start-duty", at,
                    "stop-duty " + stop + " must not be above start-duty " + start
                            + ": a fan stops at a lower duty than it starts at");
            return null;
        }
        if (name == null || rpmMax == null || airflow == null || noise == null || start == null || stop == null
                || tach == null) {
            return null;
        }
        return new TrayFan(name, rpmMax, airflow, noise, start.ratio(), stop.ratio(), tach);
    }

    private List<TrayFile.Board> boards(NodeTuple entry, Node root) {
        if (entry == null) {
            reader.problem("boards", root, "missing: a tray lists its boards, the tray node first");
            return null;
        }
        Node node = entry.getValueNode();
        if (!(node instanceof SequenceNode list)) {
            reader.problem("boards", node, "expected a list of boards (name, profile, scenario or trace), found "
                    + ConfigReader.describe(node));
            return null;
        }
        int n = list.getValue().size();
        if (n < 2 || n > MAX_BOARDS) {
            reader.problem("boards", node, "a tray has 2.." + MAX_BOARDS + " boards (the tray node first, then its"
                    + " members), found " + n);
            return null;
        }
        List<TrayFile.Board> boards = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        double shares = 0;
        Node firstShare = null;
        for (int i = 0; i < n; i++) {
            Node item = list.getValue().get(i);
            String path = "boards[" + i + "]";
            if (!(item instanceof MappingNode)) {
                reader.problem(path, item, "expected a board (name, profile, scenario or trace), found "
                        + ConfigReader.describe(item));
                continue;
            }
            Map<String, NodeTuple> b = reader.section(item, path, BOARD_KEYS);
            String name = required(b, path, item, "name", "a board name like node1", TrayFileReader::name);
            String profile = required(b, path, item, "profile", "a board profile", TrayFileReader::profile);
            Path plant = reader.value(b, path + ".plant", "a plant file", this::path, null);
            String scenario = reader.value(b, path + ".scenario", "a scenario", TrayFileReader::scenario, null);
            Path trace = reader.value(b, path + ".trace", "a load trace CSV", this::path, null);
            Double share = reader.value(b, path + ".share", "a fraction of the fan's airflow",
                    number(0.001, 1, "0.001..1"), 1.0 / n);
            Double own = reader.value(b, path + ".own-airflow", "an airflow in CFM", number(0.1, 1000, "0.1..1000 CFM"),
                    TrayFan.DEFAULT_OWN_AIRFLOW_CFM);
            boolean hasScenario = b.containsKey(path + ".scenario");
            if (hasScenario == b.containsKey(path + ".trace")) {
                reader.problem(path, item, hasScenario ? "give a scenario or a trace, not both"
                        : "needs its load: a scenario (" + String.join(", ", Scenarios.names()) + ") or a trace");
                continue;
            }
            if (name != null) {
                String first = names.putIfAbsent(name, path);
                if (first != null) {
                    reader.problem(path + ".name", b.get(path + ".name").getValueNode(),
                            "'" + name + "' names " + first + " already: each board needs its own name");
                    continue;
                }
            }
            if (share != null) {
                shares += share;
                if (firstShare == null && b.containsKey(path + ".share")) {
                    firstShare = b.get(path + ".share").getValueNode();
                }
            }
            if (name == null || profile == null || share == null || own == null || (hasScenario && scenario == null)
                    || (!hasScenario && trace == null)) {
                continue;
            }
            boards.add(new TrayFile.Board(name, profile, Optional.ofNullable(plant), Optional.ofNullable(scenario),
                    Optional.ofNullable(trace), share, own));
        }
        if (shares > 1 + SHARE_ROUNDING) {
            reader.problem("boards", firstShare == null ? node : firstShare, String.format(Locale.ROOT,
                    "the boards' shares of the fan's airflow add up to %.3f: they can add up to 1 at most", shares));
            return null;
        }
        return boards.size() == n ? boards : null;
    }

    private <T> T required(Map<String, NodeTuple> board, String path, Node item, String key, String what,
            Function<String, T> parser) {
        if (!board.containsKey(path + "." + key)) {
            reader.problem(path, item, "missing " + key + " (" + what + ")");
            return null;
        }
        return reader.value(board, path + "." + key, what, parser, null);
    }

    private Path path(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty path names no file");
        }
        return dir.resolve(t);
    }

    private static String name(String text) {
        String t = text.strip();
        if (!NAME.matcher(t).matches()) {
            throw new IllegalArgumentException(Units.quoted(text) + " is not a board name: 1 to 40 letters, digits,"
                    + " dots, dashes or underscores, starting with a letter or digit");
        }
        return t;
    }

    private static String profile(String text) {
        return oneOf(text, "profile", BoardProfile.names());
    }

    private static String scenario(String text) {
        return oneOf(text, "scenario", Scenarios.names());
    }

    /** {@code text} if it is one of {@code valid}; else the closest valid one, and all of them. */
    private static String oneOf(String text, String what, List<String> valid) {
        String t = text.strip();
        if (valid.contains(t)) {
            return t;
        }
        throw new IllegalArgumentException("unknown " + what + " " + Units.quoted(text) + " ("
                + DidYouMean.closest(t, valid).map(m -> "did you mean '" + m + "'? ").orElse("")
                + "valid " + what + "s: " + String.join(", ", valid) + ")");
    }

    private static String text(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("an empty name");
        }
        return text.strip();
    }

    private static Boolean flag(String text) {
        return switch (text.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(Units.quoted(text) + " is not true or false");
        };
    }

    private static Function<String, Double> number(double min, double max, String range) {
        return ConfigReader.within(Units::number, min, max, range);
    }
}
