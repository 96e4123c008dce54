package dev.pifan.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A fault between a tray's members and its tray node, for the seconds {@code startS <= k < endS}
 * of a tray simulation: what the network does to the reports the tray node polls.
 *
 * <p>Written as the board faults are, with the members before the window:
 * {@code KIND:MEMBER[,MEMBER...]:START:END[:ARG]}, e.g. {@code peer-lost:node3:600:900}.
 *
 * @param members the members it hits (one, except for a partition)
 * @param lagS for {@code peer-slow}, how late each report arrives [s]
 */
record PeerFault(Kind kind, List<String> members, long startS, long endS, OptionalDouble lagS) {

    /** The kinds, with what their argument means. */
    enum Kind {
        /** The member's reports never arrive (a dead member, a cut cable): each poll times out. */
        PEER_LOST("peer-lost", null),
        /** Each report arrives ARG seconds after the member's tick wrote it (a congested link). */
        PEER_SLOW("peer-slow", "lag in seconds"),
        /** The member answers with something that is no report (a proxy's error page, a torn read). */
        PEER_GARBAGE("peer-garbage", null),
        /** Several members unreachable at once (a switch between them and the tray node failed). */
        PARTITION("partition", null);

        private final String label;
        private final String argument;

        Kind(String label, String argument) {
            this.label = label;
            this.argument = argument;
        }

        String label() {
            return label;
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown tray fault kind '" + label + "': expected one of " + labels());
        }

        static String labels() {
            return Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", "));
        }
    }

    /** A lag longer than this is a lost member, not a slow one: say peer-lost. */
    static final double MAX_LAG_S = 3600;

    PeerFault {
        members = List.copyOf(members);
        String what = "fault " + kind.label() + ":" + String.join(",", members) + ":" + startS + ":" + endS;
        if (startS < 0 || endS <= startS) {
            throw new IllegalArgumentException(what + ": needs 0 <= START < END (seconds)");
        }
        if (members.isEmpty() || members.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(what + ": names no member");
        }
        if (kind != Kind.PARTITION && members.size() > 1) {
            throw new IllegalArgumentException(what + ": names one member (a partition names several)");
        }
        if (kind.argument == null && lagS.isPresent()) {
            throw new IllegalArgumentException(what + ": takes no argument");
        }
        if (kind.argument != null && lagS.isEmpty()) {
            throw new IllegalArgumentException(what + ": needs an argument (" + kind.argument + ")");
        }
        if (lagS.isPresent() && !(lagS.getAsDouble() > 0 && lagS.getAsDouble() <= MAX_LAG_S)) {
            throw new IllegalArgumentException(what + ": lag " + lagS.getAsDouble() + " s outside 0..3600");
        }
    }

    /**
     * Parses {@code KIND:MEMBER[,MEMBER...]:START:END[:ARG]}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    static PeerFault parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
        if (parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("tray fault '" + text + "' is not KIND:MEMBER:START:END[:ARG], like"
                    + " peer-lost:node3:600:900 or partition:node2,node3:600:900 (kinds: " + Kind.labels() + ")");
        }
        Kind kind = Kind.of(parts[0].toLowerCase(Locale.ROOT));
        List<String> members = Arrays.stream(parts[1].split(",", -1)).map(String::strip).toList();
        long start = seconds(text, parts[2], "START");
        long end = seconds(text, parts[3], "END");
        OptionalDouble arg = OptionalDouble.empty();
        if (parts.length == 5) {
            try {
                arg = OptionalDouble.of(Double.parseDouble(parts[4]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tray fault '" + text + "': argument '" + parts[4] + "' is not a number");
            }
        }
        return new PeerFault(kind, members, start, end, arg);
    }

    private static long seconds(String text, String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tray fault '" + text + "': " + name + " '" + value
                    + "' is not whole seconds");
        }
    }

    /** Whether it hits {@code member}'s report of second {@code k}. */
    boolean hits(String member, long k) {
        return startS <= k && k < endS && members.contains(member);
    }

    @Override
    public String toString() {
        String arg = lagS.isPresent() ? ":" + FiguresJson.number(lagS.getAsDouble()) : "";
        return kind.label() + ":" + String.join(",", members) + ":" + startS + ":" + endS + arg;
    }
}
