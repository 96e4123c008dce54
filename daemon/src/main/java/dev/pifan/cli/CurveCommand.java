package dev.pifan.cli;

import dev.pifan.cli.chart.CurveChart;
import dev.pifan.cli.chart.Numbers;
import dev.pifan.config.CeilingConfig;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.FanCurve;
import dev.pifan.telemetry.Json;
import dev.pifan.telemetry.StatusReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pifan curve}: the configured curve as a table and a chart. */
@Command(name = "curve", description = "Show the fan curve: a table, and a chart of its rising and falling branches.")
final class CurveCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--profile", paramLabel = "P",
            description = "Board profile whose defaults apply without --config (default: the installed "
                    + "/etc/pifan/pifan.yaml when it exists, else " + DEFAULT_PROFILE + ").")
    String profile;

    static final String DEFAULT_PROFILE = "pi4-heatsink";

    /** The installed config, read when neither --config nor --profile is given; a field so tests can move it. */
    Path systemConfig = RunCommand.SYSTEM_CONFIG;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the chart as SVG to FILE.")
    Path svg;

    @Option(names = "--json", description = "Print the curve as one JSON object (where it came from, its points,"
            + " hysteresis, ceiling, critical temperature and the fan's duties) instead of the table and chart.")
    boolean json;

    @Option(names = "--width", paramLabel = "COLUMNS", defaultValue = "64",
            description = "Chart width in columns, " + MIN_WIDTH + ".." + MAX_WIDTH + " (default: ${DEFAULT-VALUE}).")
    int width;

    static final int MIN_WIDTH = 24;
    static final int MAX_WIDTH = 200;

    /** The same names as {@code /status}'s curve, so that a script reads both alike. */
    static String json(PifanConfig config) {
        Json.Writer w = Json.writer().beginObject()
                .name("source").value(config.source())
                .name("board").value(config.board());
        StatusReport.curveFields(w, TelemetryFactory.curve(config));
        w.name("ceiling_celsius");
        if (config.ceiling().atC().isPresent()) {
            w.value(config.ceiling().atC().getAsDouble());
        } else {
            w.nullValue();
        }
        return w.name("min_duty").value(config.fan().minDuty().ratio())
                .name("start_duty").value(config.fan().startDuty().ratio())
                .endObject().toString();
    }

    /**
     * As run and probe do: {@code --config}, else the profile asked for, else the installed config
     * when there is one, else {@link #DEFAULT_PROFILE}'s defaults (the first line printed says which).
     */
    static PifanConfig choose(ConfigOption config, String profile, Path systemConfig) {
        return profile != null ? config.load(Profiles.require(profile))
                : config.loadOrInstalled(systemConfig, DEFAULT_PROFILE);
    }

    @Override
    public Integer call() {
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw CliError.usage("--width " + width + " outside " + MIN_WIDTH + ".." + MAX_WIDTH + " columns");
        }
        PifanConfig loaded = choose(config, profile, systemConfig);
        FanCurve curve = ControlFactory.curve(loaded.curve());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(loaded));
            return 0;
        }
        out.println("Fan curve from " + loaded.source());
        out.println();
        out.print(table(loaded, curve));
        out.println();
        CurveChart chart = new CurveChart(curve, loaded.curve().hysteresisC(), loaded.safety().criticalC(),
                loaded.fan().minDuty());
        loaded.ceiling().atC().ifPresent(chart::withCeiling);
        out.print(chart.renderText(width, 17));
        if (svg != null) {
            Output.write(svg, chart.renderSvg());
            out.println();
            out.println("wrote " + svg);
        }
        return 0;
    }

    /** A rate of duty per second, the way the config writes it: {@code 0.18%/min}. */
    static String rate(double perSecond) {
        return java.math.BigDecimal.valueOf(perSecond * 6000).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString() + "%/min";
    }

    private static String table(PifanConfig config, FanCurve curve) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "  %-12s %-8s %s%n", "temperature", "duty", "comes down at"));
        double h = config.curve().hysteresisC();
        for (FanCurve.Point point : curve.points()) {
            text.append(String.format(Locale.ROOT, "  %-12s %-8s %s%n",
                    Numbers.compact(point.celsius()) + " C", point.duty(),
                    point.duty().isOff() ? "-" : Numbers.compact(point.celsius() - h) + " C"));
        }
        text.append(String.format(Locale.ROOT, "%n  hysteresis %s C; min-duty %s; kick at %s for %s; critical %s C (full speed)%n",
                Numbers.compact(h), config.fan().minDuty(), config.fan().startDuty(),
                Durations.format(config.fan().kick()), Numbers.compact(config.safety().criticalC())));
        text.append(String.format(Locale.ROOT, "  comes down after %s low; a running fan stops below %s C%n",
                Durations.format(config.curve().downDelay()), Numbers.compact(config.curve().stopBelowC())));
        CeilingConfig c = config.ceiling();
        if (c.atC().isPresent()) {
            text.append(String.format(Locale.ROOT,
                    "  ceiling %s C: at or above it the duty rises %s, below it (after %s) falls %s;"
                            + " the curve takes over again below %s C%n",
                    Numbers.compact(c.atC().getAsDouble()), rate(c.risePerSecond()), Durations.format(c.settle()),
                    rate(c.fallPerSecond()), Numbers.compact(c.atC().getAsDouble() - c.releaseC())));
        } else {
            text.append("  no ceiling guard\n");
        }
        return text.toString();
    }
}
