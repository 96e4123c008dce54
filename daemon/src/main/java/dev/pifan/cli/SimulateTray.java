package dev.pifan.cli;

import dev.pifan.cli.chart.RunChart;
import dev.pifan.config.ConfigException;
import dev.pifan.config.TrayFile;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.TrayFan;
import dev.pifan.telemetry.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** {@code pifan simulate --tray FILE}: a tray's boards under one fan, with a fan per board to compare. */
final class SimulateTray {

    /** The options of a single board that a tray file gives per board, or that a tray has no use for. */
    private static final List<String> NOT_WITH_TRAY = List.of("--profile", "--plant", "--controller", "--config",
            "--undervolt", "--fan-stall-at", "--noise", "--seed");

    private SimulateTray() {
    }

    static int run(SimulateCommand options) {
        var parsed = options.spec.commandLine().getParseResult();
        for (String option : NOT_WITH_TRAY) {
            if (parsed.hasMatchedOption(option)) {
                throw CliError.usage(option + " does not go with --tray: the tray file gives each board its profile,"
                        + " plant and load, and each board runs pifan with its profile's defaults (docs/tray.md)");
            }
        }
        TraySetup setup = setup(options.source.tray, options.durationS);
        List<PeerFault> faults = new ArrayList<>();
        TraySimulation.Result result;
        try {
            for (String fault : options.faults) {
                faults.add(PeerFault.parse(fault));
            }
            result = TraySimulation.run(setup, faults, options.targetC, options.startTime);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        TrayComparison comparison = TrayComparison.of(result, options.startTime, new HashMap<>());
        for (TraySimulation.BoardRun board : result.boards()) {
            Simulation.Result single = board.asSimulation(options.targetC);
            if (options.csv != null) {
                Output.write(perBoard(options.csv, board), SimulateCommand.csv(single, ",request,request_reason",
                        i -> "," + FiguresJson.number(board.requests().get(i).ratio()) + ","
                                + board.requestReasons().get(i).label()));
            }
            if (options.svg != null) {
                Output.write(perBoard(options.svg, board), RunChart.renderSvg(board.board().name() + ": "
                        + SimulateCommand.title(single), SimulateCommand.series(single), options.targetC,
                        board.board().underTray().rpmMax()));
            }
        }
        PrintWriter out = options.spec.commandLine().getOut();
        out.print(options.json ? json(comparison) : text(comparison));
        return 0;
    }

    private static TraySetup setup(Path file, Long durationS) {
        TrayFile tray;
        try {
            tray = TrayFile.load(file);
        } catch (ConfigException e) {
            throw CliError.badContent(e.getMessage());
        }
        try {
            return TraySetup.of(tray, durationS);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
    }

    /** {@code run.csv} for board node2: {@code run-node2.csv}, beside it. */
    static Path perBoard(Path file, TraySimulation.BoardRun board) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String each = dot > 0 ? name.substring(0, dot) + "-" + board.board().name() + name.substring(dot)
                : name + "-" + board.board().name();
        return file.resolveSibling(each);
    }

    static String text(TrayComparison c) {
        TraySimulation.Result r = c.tray();
        TraySetup setup = r.setup();
        TrayFan fan = setup.fan();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "pifan on tray %s: %d boards under one fan (%s: %s rpm, %s CFM, %s dB(A) at full), stale-after %s s%n",
                setup.name(), setup.boards().size(), fan.name(), FiguresJson.number(fan.rpmMax()),
                FiguresJson.number(fan.airflowCfm()), FiguresJson.number(fan.lMaxDba()),
                FiguresJson.number(setup.staleAfter().toMillis() / 1000.0)));
        int nameWidth = Math.max(5, setup.boards().stream().mapToInt(b -> b.name().length() + 1).max().orElse(5));
        int profileWidth = setup.boards().stream().mapToInt(b -> b.own().name().length()).max().orElse(7);
        int loadWidth = Math.max(4, setup.boards().stream().mapToInt(b -> b.scenario().name().length()).max()
                .orElse(4));
        String format = "  %-" + nameWidth + "s  %-" + profileWidth + "s  %-" + loadWidth
                + "s  %6s  %4s  %4s  %5s  %5s  %s%n";
        out.append(String.format(Locale.ROOT, format, "board", "plant", "load", "peak", "over", "thr", "duty",
                "rev/h", "criteria"));
        for (int i = 0; i < r.boards().size(); i++) {
            TraySimulation.BoardRun b = r.boards().get(i);
            RunFigures f = b.figures();
            out.append(String.format(Locale.ROOT, format, b.board().name() + (i == 0 ? "*" : ""), b.board().own().name(),
                    b.board().scenario().name(), String.format(Locale.ROOT, "%.2f", f.peakC()), f.overTargetS(),
                    f.throttledS(), String.format(Locale.ROOT, "%.1f%%", 100 * f.meanDuty()),
                    String.format(Locale.ROOT, "%.1f", f.reversalsPerH()), Bench.verdictText(c.verdicts().get(i))));
        }
        out.append(String.format(Locale.ROOT, "  * the tray node, wired to the fan. peak: peak_c, over: over_target_s,"
                + " thr: throttled_s (target %s C)%n", FiguresJson.number(r.targetC())));
        out.append(String.format(Locale.ROOT, "  noise (Leq): the tray fan %.1f dB(A); a fan per board, %d together,"
                + " %.1f dB(A)%n", c.trayFanDba(), c.ownFans().size(), c.ownFansDba()));
        out.append(String.format(Locale.ROOT, "  tray load steps: %.1f /h%n", c.loadStepsPerH()));
        for (int i = 0; i < c.verdicts().size(); i++) {
            if (!c.verdicts().get(i).passes()) {
                out.append("  ").append(r.boards().get(i).board().name()).append(": ")
                        .append(c.verdicts().get(i).detail()).append('\n');
            }
        }
        for (TraySimulation.PeerLost lost : r.peerLost()) {
            out.append(String.format(Locale.ROOT, "  peer_lost: full speed from %s s %s: %s%n",
                    FiguresJson.number(lost.fromS()), lost.toS().isPresent() ? "to " + FiguresJson.number(
                            lost.toS().getAsDouble()) + " s" : "to the end", lost.detail()));
        }
        for (TraySimulation.FaultResponse f : r.faults()) {
            out.append("  fault ").append(f.fault()).append(": ").append(response(f)).append('\n');
        }
        return out.toString();
    }

    private static String response(TraySimulation.FaultResponse f) {
        if (f.fullAtS().isEmpty()) {
            return "the fan never went to full speed for peer_lost";
        }
        String full = "full speed at " + seconds(f.fullAtS()) + " (" + seconds(f.fullAfterS()) + " after it began), ";
        if (f.backAtS().isEmpty()) {
            return full + "not back by the end of the run";
        }
        double after = f.backAfterS().getAsDouble();
        return full + "back at " + seconds(f.backAtS()) + " (" + (after >= 0
                ? FiguresJson.number(after) + " s after it ended)"
                : FiguresJson.number(-after) + " s before it ended: its reports were news again)");
    }

    private static String seconds(OptionalDouble s) {
        return FiguresJson.number(s.getAsDouble()) + " s";
    }

    static String json(TrayComparison c) {
        TraySimulation.Result r = c.tray();
        TrayFan fan = r.setup().fan();
        Json.Writer json = Json.writer().beginObject()
                .name("tray").value(r.setup().name())
                .name("fan").beginObject()
                .name("name").value(fan.name())
                .name("rpm_max").value(fan.rpmMax())
                .name("airflow_cfm").value(fan.airflowCfm())
                .name("l_max").value(fan.lMaxDba())
                .name("d_start").value(fan.dStart())
                .name("d_stop").value(fan.dStop())
                .name("tach").value(fan.tach())
                .endObject()
                .name("stale_after_s").value(r.setup().staleAfter().toMillis() / 1000.0)
                .name("target_c").value(r.targetC())
                .name("tray_fan_dba").value(c.trayFanDba())
                .name("own_fans_dba").value(c.ownFansDba())
                .name("load_steps_per_h").value(c.loadStepsPerH())
                .name("boards").beginArray();
        for (int i = 0; i < r.boards().size(); i++) {
            TraySimulation.BoardRun b = r.boards().get(i);
            Bench.Verdict v = c.verdicts().get(i);
            json.beginObject()
                    .name("name").value(b.board().name())
                    .name("tray_node").value(i == 0)
                    .name("profile").value(b.board().profile())
                    .name("plant").value(b.board().own().name())
                    .name("load").value(b.board().scenario().name())
                    .name("g_fan").value(b.board().underTray().gFanWPerK());
            FiguresJson.fields(json, b.figures())
                    .name("own_fan").beginObject();
            Bench.criteria(FiguresJson.fields(json, c.ownFans().get(i)).endObject(), v).endObject();
        }
        json.endArray().name("peer_lost").beginArray();
        for (TraySimulation.PeerLost lost : r.peerLost()) {
            json.beginObject().name("from_s").value(lost.fromS()).name("to_s");
            if (lost.toS().isPresent()) {
                json.value(lost.toS().getAsDouble());
            } else {
                json.nullValue();
            }
            json.name("detail").value(lost.detail()).endObject();
        }
        json.endArray().name("faults").beginArray();
        for (TraySimulation.FaultResponse f : r.faults()) {
            json.beginObject().name("fault").value(f.fault().toString()).name("full_at_s");
            optional(json, f.fullAtS()).name("full_after_s");
            optional(json, f.fullAfterS()).name("back_at_s");
            optional(json, f.backAtS()).name("back_after_s");
            optional(json, f.backAfterS()).endObject();
        }
        return json.endArray().endObject() + "\n";
    }

    private static Json.Writer optional(Json.Writer json, OptionalDouble value) {
        return value.isPresent() ? json.value(value.getAsDouble()) : json.nullValue();
    }
}
