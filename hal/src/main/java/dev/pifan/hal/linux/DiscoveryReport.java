package dev.pifan.hal.linux;

import dev.pifan.hal.BoardModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link Discovery} found on a host: every temperature source, throttle source and fan
 * output it looked at (each list in order of preference), which one of each it would use, and the
 * config snippet that pins that choice. Immutable; {@link #toText()} is what {@code pifan probe}
 * prints and {@link #exitCode()} its exit status.
 */
public record DiscoveryReport(HostRoot root, BoardModel model, List<Finding<TemperatureSpec>> temperatures,
        List<Finding<ThrottleSpec>> throttles, List<Finding<FanSpec>> fans) {

    public DiscoveryReport {
        temperatures = List.copyOf(temperatures);
        throttles = List.copyOf(throttles);
        fans = List.copyOf(fans);
    }

    public Optional<Finding<TemperatureSpec>> chosenTemperature() {
        return first(temperatures);
    }

    public Optional<Finding<ThrottleSpec>> chosenThrottle() {
        return first(throttles);
    }

    public Optional<Finding<FanSpec>> chosenFan() {
        return first(fans);
    }

    /** The candidates of a role, best first: what {@link LinuxBoard} tries in turn for an {@code auto} part. */
    public static <S> List<S> candidates(List<Finding<S>> findings) {
        return findings.stream().filter(Finding::isCandidate).map(f -> f.spec().orElseThrow()).toList();
    }

    /** Whether a board can be run: a temperature source and a fan were found (throttle falls back to "unknown"). */
    public boolean isUsable() {
        return chosenTemperature().isPresent() && chosenFan().isPresent();
    }

    /** {@code pifan probe}'s exit status: 0 when usable, 1 when no usable fan or temperature sensor exists. */
    public int exitCode() {
        return isUsable() ? 0 : 1;
    }

    /** The full choice, when there is one. */
    public Optional<HardwareSpec> chosen() {
        if (!isUsable()) {
            return Optional.empty();
        }
        return Optional.of(new HardwareSpec(chosenTemperature().orElseThrow().spec().orElseThrow(),
                chosenThrottle().flatMap(Finding::spec).orElse(new ThrottleSpec.None()),
                chosenFan().orElseThrow().spec().orElseThrow()));
    }

    /** The config snippet that pins the choice; a part nothing was found for is a comment saying so. */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder("hardware:\n");
        yaml.append(line("temperature", chosenTemperature()));
        yaml.append(line("throttle", chosenThrottle()));
        yaml.append(line("fan", chosenFan()));
        return yaml.toString();
    }

    private static <S> String line(String role, Optional<Finding<S>> chosen) {
        if (chosen.isEmpty()) {
            return "  # " + role + ": nothing usable found (see above)\n";
        }
        Object spec = chosen.get().spec().orElseThrow();
        String flow = spec instanceof TemperatureSpec t ? t.toYaml()
                : spec instanceof ThrottleSpec t ? t.toYaml() : ((FanSpec) spec).toYaml();
        return "  " + role + ": " + flow + "\n";
    }

    /** The human report: what was found, what would be used, what is missing and why, and the snippet. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("root: ").append(root).append('\n');
        text.append("board: ").append(model.description()).append(" (").append(model.family()).append(")\n");
        section(text, "temperature", temperatures, chosenTemperature());
        section(text, "throttle", throttles, chosenThrottle());
        section(text, "fan", fans, chosenFan());
        text.append('\n');
        if (isUsable()) {
            text.append("would use:\n");
        } else {
            text.append("not usable: ");
            if (chosenFan().isEmpty() && chosenTemperature().isEmpty()) {
                text.append("no fan and no temperature source");
            } else if (chosenFan().isEmpty()) {
                text.append("no fan pifan can drive");
            } else {
                text.append("no temperature source");
            }
            text.append(" (fix one of the findings above; * marks what would be used)\n");
        }
        chosenTemperature().ifPresent(f -> text.append("  temperature: ").append(f.source()).append('\n'));
        chosenThrottle().ifPresent(f -> text.append("  throttle:    ").append(f.source()).append('\n'));
        chosenFan().ifPresent(f -> text.append("  fan:         ").append(f.source()).append('\n'));
        text.append("\nconfig to pin this choice:\n").append(toYaml());
        return text.toString();
    }

    private static <S> void section(StringBuilder text, String title, List<Finding<S>> findings,
            Optional<Finding<S>> chosen) {
        text.append('\n').append(title).append(":\n");
        if (findings.isEmpty()) {
            text.append("    (nothing found)\n");
        }
        for (Finding<S> finding : findings) {
            boolean isChosen = chosen.isPresent() && chosen.get() == finding;
            text.append(isChosen ? "  * " : "    ")
                    .append(finding.source())
                    .append(" — ").append(finding.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(finding.detail().isEmpty() ? "" : ": " + finding.detail())
                    .append('\n');
        }
    }

    private static <S> Optional<Finding<S>> first(List<Finding<S>> findings) {
        return findings.stream().filter(Finding::isCandidate).findFirst();
    }
}
