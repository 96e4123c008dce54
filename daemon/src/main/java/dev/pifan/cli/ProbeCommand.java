package dev.pifan.cli;

import dev.pifan.hal.linux.fans.GpioDriver;
import dev.pifan.config.PifanConfig;
import dev.pifan.config.ProfileDefaults;
import dev.pifan.control.KernelCurve;
import dev.pifan.hal.linux.DiscoveryReport;
import dev.pifan.hal.linux.FanSpec;
import dev.pifan.hal.linux.HardwareSpec;
import dev.pifan.hal.linux.TemperatureSpec;
import dev.pifan.hal.linux.ThrottleSpec;
import dev.pifan.hal.linux.fans.AutoDriver;
import dev.pifan.hal.linux.fans.HwmonDriver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pifan probe}: what this host has, what pifan would use, what is missing and why. */
@Command(name = "probe", sortOptions = false,
        description = {"Show the temperature sources, throttle sources and fans this host has, which ones pifan "
                + "would use (driver: auto), what is missing and why, and the config lines that pin the choice.",
                "Read-only: it writes no file, exports no PWM channel and runs no vcgencmd. "
                        + "Exit 1 when there is no usable fan or temperature source."})
final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Look under DIR instead of / (e.g. /host in a container that mounts the host's /sys there).")
    Path root;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--json", description = "Print the findings as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PifanConfig loaded = loadConfig();
        Path under = root == null ? BoardFactory.SYSTEM_ROOT : root;
        DiscoveryReport report = BoardFactory.discover(under, loaded.hardware());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ProbeJson.of(report, pinned(loaded.hardware()), notes(loaded.hardware())));
        } else {
            out.print(report.toText());
            List<String> pinned = pinned(loaded.hardware());
            if (!pinned.isEmpty()) {
                out.println();
                out.println(loaded.source() + " pins these, and pifan run opens them rather than the choice above:");
                pinned.forEach(line -> out.println("  " + line));
            }
            for (String note : notes(loaded.hardware())) {
                out.println();
                out.println(note);
            }
            List<String> kernelCurve = kernelCurveLines(report, loaded);
            if (!kernelCurve.isEmpty()) {
                out.println();
                out.println("With fan.takeover: none the kernel drives this fan; its curve closest to pifan's ("
                        + loaded.source() + "), never slower above its first trip (config.txt, then reboot):");
                kernelCurve.forEach(line -> out.println("  " + line));
            }
        }
        InstanceLock.holder(BoardFactory.takeovers(System.getenv())).ifPresent(holder -> spec.commandLine().getErr()
                .println("note: a running pifan (" + holder + ") drives the fan; probe only reads"));
        out.flush();
        // a part the config pins is what pifan run opens, found by auto or not (it checks it at start)
        boolean noFan = report.chosenFan().isEmpty() && loaded.hardware().fan() instanceof AutoDriver.Spec;
        boolean noTemperature = report.chosenTemperature().isEmpty()
                && loaded.hardware().temperature() instanceof TemperatureSpec.Auto;
        if (noFan || noTemperature) {
            spec.commandLine().getErr().println("pifan: nothing to run with under " + report.root() + ": "
                    + (noFan && noTemperature ? "no fan and no temperature source" : noFan
                    ? "no fan pifan can drive" : "no temperature source") + " (see the findings above)");
            return 1;
        }
        return 0;
    }

    /**
     * The kernel's own curve settings that approach pifan's curve, for a fan the kernel drives
     * through pwm-fan: the Pi 5 Active Cooler's {@code fan_tempN} (levels free), the PoE HAT's
     * {@code poe_fan_tempN} (a Pi 4's pwmfan; levels fixed). Empty for any other fan.
     */
    static List<String> kernelCurveLines(DiscoveryReport report, PifanConfig config) {
        FanSpec fan = config.hardware().fan() instanceof AutoDriver.Spec
                ? report.chosenFan().flatMap(f -> f.spec()).orElse(null) : config.hardware().fan();
        if (!(fan instanceof HwmonDriver.Spec hwmon) || !hwmon.name().equals(dev.pifan.hal.linux.HwmonFan.PWM_FAN_NAME)) {
            return List.of();
        }
        var curve = ControlFactory.curve(config.curve());
        double hysteresis = config.curve().hysteresisC();
        return switch (report.model().family()) {
            case PI5 -> KernelCurve.pi5(curve, hysteresis).pi5Lines();
            case PI4 -> KernelCurve.poeHat(curve, hysteresis).poeLines();
            default -> List.<String>of();
        };
    }

    /** The same config {@code pifan run} would read: its hardware section's hints shape discovery. */
    private PifanConfig loadConfig() {
        return config.loadOrInstalled(RunCommand.SYSTEM_CONFIG, ProfileDefaults.AUTO);
    }

    /**
     * What the user must know about the fan the config pins. An on/off fan on a bare GPIO is only
     * held while pifan runs: released, a Pi 4's pin is an input again (pinctrl-bcm2835.c,
     * bcm2835_pmx_free) and its pull decides, so without one toward "on" the fan stops whenever
     * pifan is not running (docs/fan-ownership.md).
     */
    static List<String> notes(HardwareSpec hardware) {
        if (hardware.fan() instanceof GpioDriver.Spec gpio) {
            String on = gpio.activeHigh() ? "pull-up" : "pull-down";
            return List.of("note: pifan holds the fan's GPIO line only while it runs; released (stopped, killed,"
                    + " not yet started) the pin's pull decides, so the fan's switch input needs a " + on
                    + " to keep the fan on without pifan (or use dtoverlay=gpio-fan, which lets the kernel drive it)");
        }
        return List.of();
    }

    /** The parts the config pins (not {@code auto}), as {@code fan: {driver: hwmon, name: pwmfan}}. */
    static List<String> pinned(HardwareSpec hardware) {
        List<String> lines = new ArrayList<>();
        if (!(hardware.temperature() instanceof TemperatureSpec.Auto)) {
            lines.add("temperature: " + hardware.temperature().toYaml());
        }
        if (!(hardware.throttle() instanceof ThrottleSpec.Auto)) {
            lines.add("throttle: " + hardware.throttle().toYaml());
        }
        if (!(hardware.fan() instanceof AutoDriver.Spec)) {
            lines.add("fan: " + hardware.fan().toYaml());
        }
        return lines;
    }
}
