package dev.pifan.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code tray:} section (docs/configuration.md#tray), mapped by hand onto {@link TraySpec}.
 * Problems go to the {@link ConfigReader} with their path and line, as every other section's.
 */
final class TrayReader {

    static final List<String> KEYS = List.of("stale-after", "poll-timeout", "members", "kubernetes");
    static final List<String> MEMBER_KEYS = List.of("name", "address");
    static final List<String> KUBERNETES_KEYS = List.of("name");
    private static final String EXAMPLE = "members: [{name: b2, address: 10.0.0.12:9780}] or kubernetes: {name: TRAY}";

    private final ConfigReader config;

    TrayReader(ConfigReader config) {
        this.config = config;
    }

    /**
     * The section; empty when the file has none, null when something in it is wrong (reported).
     *
     * @param interval the config's interval, null when it is wrong (then the rules that need it are skipped)
     */
    Optional<TraySpec> read(Node node, Duration interval) {
        if (node == null || ConfigReader.isNull(node)) {
            return Optional.empty();
        }
        int before = config.problemCount();
        Map<String, NodeTuple> section = config.section(node, "tray");
        if (config.problemCount() > before && section.isEmpty()) {
            return null; // not a map: said already
        }
        Duration staleAfter = config.value(section, "tray.stale-after", "a duration", staleAfter(interval),
                interval == null ? null : TraySpec.defaultStaleAfter(interval));
        Duration pollTimeout = config.value(section, "tray.poll-timeout", "a duration", pollTimeout(interval),
                interval == null ? null : TraySpec.defaultPollTimeout(interval));
        NodeTuple membersEntry = section.get("tray.members");
        NodeTuple kubernetesEntry = section.get("tray.kubernetes");
        List<TraySpec.Member> members = membersEntry == null ? List.of() : members(membersEntry.getValueNode());
        Optional<String> kubernetes = kubernetesEntry == null ? Optional.empty()
                : kubernetes(kubernetesEntry.getValueNode());
        if (membersEntry != null && kubernetesEntry != null) {
            config.problem("tray.kubernetes", kubernetesEntry.getKeyNode(), "tray.members (line "
                    + ConfigReader.line(membersEntry.getKeyNode()) + ") and tray.kubernetes both say where the"
                    + " members are: give one");
        } else if (membersEntry == null && kubernetesEntry == null) {
            config.problem("tray", node, "a tray needs its members: " + EXAMPLE);
        }
        if (config.problemCount() > before) {
            return null;
        }
        try {
            return Optional.of(new TraySpec(staleAfter, pollTimeout, members, kubernetes));
        } catch (IllegalArgumentException e) {
            config.problem("tray", node, e.getMessage()); // the record's own check: a bug above, still reported
            return null;
        }
    }

    /** At least two intervals: below, one late answer would run the fan full. */
    private static Function<String, Duration> staleAfter(Duration interval) {
        return text -> {
            Duration d = Units.duration(text);
            if (interval != null && d.compareTo(interval.multipliedBy(TraySpec.MIN_STALE_INTERVALS)) < 0) {
                throw new IllegalArgumentException(Units.shown(text) + " is below " + TraySpec.MIN_STALE_INTERVALS
                        + " x interval (" + Units.format(interval.multipliedBy(TraySpec.MIN_STALE_INTERVALS))
                        + "): one late answer would run the fan at full speed");
            }
            if (d.compareTo(TraySpec.MAX_STALE_AFTER) > 0) {
                throw new IllegalArgumentException(Units.shown(text) + " is above 10m: a silent member would leave"
                        + " its board without cooling that long");
            }
            return d;
        };
    }

    /** 10 ms up to the interval: one round of polls ends before the next begins. */
    private static Function<String, Duration> pollTimeout(Duration interval) {
        return text -> {
            Duration d = Units.duration(text);
            if (d.compareTo(TraySpec.MIN_POLL_TIMEOUT) < 0) {
                throw new IllegalArgumentException(Units.shown(text) + " is below 10ms");
            }
            if (interval != null && d.compareTo(interval) > 0) {
                throw new IllegalArgumentException(Units.shown(text) + " is above the interval ("
                        + Units.format(interval) + "): a round of polls must end before the next one starts");
            }
            return d;
        };
    }

    /** tray.members: a list of {name, address}, the names unique; null when wrong (reported). */
    private List<TraySpec.Member> members(Node node) {
        String path = "tray.members";
        if (!config.plainTag(path, node)) {
            return null;
        }
        if (!(node instanceof SequenceNode list)) {
            config.problem(path, node, "expected a list like [{name: b2, address: 10.0.0.12:9780}], found "
                    + ConfigReader.describe(node));
            return null;
        }
        if (list.getValue().isEmpty()) {
            config.problem(path, node, "the list is empty: name at least one member");
            return null;
        }
        int before = config.problemCount();
        List<TraySpec.Member> members = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node item = list.getValue().get(i);
            int beforeItem = config.problemCount();
            Map<String, NodeTuple> entry = config.section(item, itemPath, MEMBER_KEYS);
            if (!(item instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
                if (ConfigReader.isNull(item)) {
                    config.problem(itemPath, item, "expected a member like {name: b2, address: 10.0.0.12:9780},"
                            + " found no value");
                }
                continue;
            }
            for (String key : MEMBER_KEYS) {
                // after an unknown key (a typo of this one), the missing one would be said twice
                if (config.problemCount() == beforeItem && !entry.containsKey(itemPath + "." + key)) {
                    config.problem(itemPath, item, "a member needs name and address: " + key + " is missing");
                }
            }
            String name = config.value(entry, itemPath + ".name", "a member name", TrayReader::name, null);
            ListenAddress address = config.value(entry, itemPath + ".address", "a HOST:PORT address",
                    TrayReader::address, null);
            if (name != null) {
                Node first = seen.putIfAbsent(name, entry.get(itemPath + ".name").getValueNode());
                if (first != null) {
                    config.problem(itemPath + ".name", entry.get(itemPath + ".name").getValueNode(), name
                            + " is listed twice, first at line " + ConfigReader.line(first) + ": names must be unique");
                }
            }
            if (name != null && address != null) {
                members.add(new TraySpec.Member(name, address));
            }
        }
        return config.problemCount() == before ? members : null;
    }

    /** tray.kubernetes: {name: TRAY}, the tray label's value; null when wrong (reported). */
    private Optional<String> kubernetes(Node node) {
        String path = "tray.kubernetes";
        int before = config.problemCount();
        Map<String, NodeTuple> section = config.section(node, path, KUBERNETES_KEYS);
        if (config.problemCount() == before && !section.containsKey(path + ".name")) {
            config.problem(path, node, "expected {name: TRAY}, the tray's name its nodes are labelled with");
        }
        String name = config.value(section, path + ".name", "a tray name", TrayReader::name, null);
        return config.problemCount() == before ? Optional.of(name) : null;
    }

    private static String name(String text) {
        String name = text.strip();
        if (!TraySpec.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(Units.quoted(text) + " is not a plain name (letters, digits, '.', '-'"
                    + " and '_', at most 63, beginning and ending with a letter or digit)");
        }
        return name;
    }

    private static ListenAddress address(String text) {
        Optional<ListenAddress> address = ListenAddress.parseOrOff(text);
        if (address.isEmpty() || address.get().allInterfaces()) {
            throw new IllegalArgumentException(Units.quoted(text) + " does not say where the member is: write its"
                    + " HOST:PORT, e.g. 10.0.0.12:" + ListenAddress.DEFAULT_PORT);
        }
        return address.get();
    }
}
