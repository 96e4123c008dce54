package dev.pifan.cli;

import static dev.pifan.telemetry.Json.bool;
import static dev.pifan.telemetry.Json.get;
import static dev.pifan.telemetry.Json.number;
import static dev.pifan.telemetry.Json.text;

import dev.pifan.config.ConfigException;
import dev.pifan.config.ConfigLoader;
import dev.pifan.config.ListenAddress;
import dev.pifan.config.PifanConfig;
import dev.pifan.control.Reason;
import dev.pifan.telemetry.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pifan status}: what a running daemon is doing, from its {@code /status} endpoint. */
@Command(name = "status", sortOptions = false,
        description = "Show what a running pifan is doing, read from its /status endpoint.",
        // as systemctl status does, the exit code says how the daemon is (docs/cli.md#pifan-status)
        exitCodeListHeading = "%nExit codes%n",
        exitCodeList = {StatusCommand.HEALTHY + ":healthy, the fan on its curve (or kick, ceiling, hold)",
            StatusCommand.DOWN + ":down: unhealthy (the loop stalled, the fan handed to the kernel), nothing answers, "
                    + "or the answer is not pifan's status",
            CliError.USAGE + ":a wrong command line",
            StatusCommand.DEGRADED + ":degraded: healthy, but a safety rule runs the fan at full speed"})
final class StatusCommand implements Callable<Integer> {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "The daemon's status URL, or HOST:PORT; a URL without a path gets /status (default: from metrics.listen "
                    + "in /etc/pifan/pifan.yaml if it exists, else http://127.0.0.1:" + ListenAddress.DEFAULT_PORT
                    + "/status).")
    String url;

    @Option(names = "--json", description = "Print the JSON as the daemon sent it.")
    boolean json;

    /** Where the default URL's port comes from; a field so tests can point it elsewhere. */
    Path systemConfig = RunCommand.SYSTEM_CONFIG;

    @Override
    public Integer call() {
        URI uri = uri();
        String body = fetch(uri);
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw CliError.badContent(uri + " did not answer with pifan's status (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> status) || !status.containsKey("board") || !status.containsKey("tick")) {
            throw CliError.badContent(uri + " did not answer with pifan's status (a JSON object with board and tick)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body.strip());
        } else {
            out.print(render(status));
        }
        out.flush();
        return exitCode(status);
    }

    /** Healthy and on its curve. */
    static final int HEALTHY = 0;
    /** Unhealthy (/healthz would answer 503: the loop stalled, the fan handed to the kernel); nothing answering is 1 too. */
    static final int DOWN = 1;
    /** Healthy, but a safety rule runs the fan at full speed (critical, sensor_failure, throttling, fan_stall, fan_failure). */
    static final int DEGRADED = 3;

    /** As {@code systemctl status} does: the exit code says how the daemon is, for scripts and checks. */
    static int exitCode(Map<?, ?> status) {
        if (!bool(status, "health", "ok").orElse(false)) {
            return DOWN;
        }
        String reason = text(status, "reason").orElse("");
        boolean safety = Arrays.stream(Reason.values()).anyMatch(r -> r.isSafety() && r.label().equals(reason));
        return safety ? DEGRADED : HEALTHY;
    }

    private URI uri() {
        String text = (url != null ? url : defaultUrl(systemConfig, spec.commandLine().getErr())).strip();
        if (!text.contains("://")) {
            text = "http://" + text; // host:port, as metrics.listen and the docs write it
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw CliError.usage("--url: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw CliError.usage("--url: " + text + " is not an http:// URL (e.g. http://node1:"
                    + ListenAddress.DEFAULT_PORT + "/status)");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            uri = uri.resolve("/status");
        }
        return uri;
    }

    /** The local URL of the daemon that {@code systemConfig} configures; the default port without one. */
    static String defaultUrl(Path systemConfig, PrintWriter err) {
        if (!Files.exists(systemConfig)) {
            return ListenAddress.DEFAULT.localUrl("/status");
        }
        PifanConfig config;
        try {
            config = ConfigLoader.load(systemConfig);
        } catch (ConfigException e) {
            err.println("pifan: " + systemConfig + " has problems (pifan config check "
                    + systemConfig + "); trying port " + ListenAddress.DEFAULT_PORT);
            return ListenAddress.DEFAULT.localUrl("/status");
        }
        return config.metrics().listen()
                .map(listen -> listen.localUrl("/status"))
                .orElseThrow(() -> CliError.usage("metrics.listen is off in " + systemConfig
                        + ", so pifan run serves no /status: pass --url"));
    }

    private static String fetch(URI uri) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw CliError.badContent("no answer from " + uri + " within " + CONNECT_TIMEOUT.toSeconds()
                    + "s: is the host up, and the port open?");
        } catch (HttpTimeoutException e) {
            throw CliError.badContent(uri + " accepted the connection but did not answer within "
                    + TIMEOUT.toSeconds() + "s");
        } catch (ConnectException e) {
            if (causedBy(e, UnresolvedAddressException.class)) {
                throw CliError.badContent("cannot resolve the host of " + uri);
            }
            throw CliError.badContent("nothing listens at " + uri + ": is pifan run running?");
        } catch (IOException e) {
            throw CliError.badContent("cannot read " + uri + ": " + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliError.badContent("interrupted while reading " + uri);
        }
        if (response.statusCode() != 200) {
            String first = response.body().lines().findFirst().orElse("").strip();
            throw CliError.badContent(uri + " answered " + response.statusCode()
                    + (first.isEmpty() ? "" : ": " + (first.length() > 120 ? first.substring(0, 120) + "…" : first)));
        }
        return response.body();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The status for a person: one aligned line per subject. */
    static String render(Map<?, ?> s) {
        List<String[]> rows = new ArrayList<>();
        String version = text(s, "version").orElse("?");
        String header = "pifan " + version + " on " + text(s, "board").orElse("an unknown board")
                + number(s, "uptime_seconds").map(u -> ", up " + duration(u)).orElse("");
        rows.add(row("health", (bool(s, "health", "ok").orElse(false) ? "" : "FAILING: ")
                + text(s, "health", "detail").orElse("unknown")));
        if (number(s, "tick").orElse(0.0) == 0) {
            rows.add(row("control", "no tick yet"));
        } else {
            rows.add(row("temperature", number(s, "temperature_celsius").map(c -> celsius(c) + " C").orElse("unreadable")
                    + text(s, "drivers", "temperature").map(id -> "  (" + id + ")").orElse("")));
            String fan = number(s, "duty").map(StatusCommand::percent).orElse("?")
                    + text(s, "reason").map(r -> " (" + r + ")").orElse("")
                    + number(s, "curve_duty").map(d -> ", the curve asks " + percent(d)).orElse("")
                    + (bool(s, "duty_applied").orElse(true) ? "" : ", NOT APPLIED: the write failed")
                    + driverStep(s)
                    + text(s, "drivers", "fan").map(id -> "  (" + id + ")").orElse("");
            rows.add(row("fan", fan));
            text(s, "detail").filter(d -> !d.isEmpty()).ifPresent(d -> rows.add(row("", d)));
            text(s, "quiet").filter(q -> !q.equals("outside")).ifPresent(q -> rows.add(row("quiet hours",
                    q.replace('_', ' '))));
            rows.addAll(tray(s));
            rows.add(row("speed", number(s, "rpm").map(r -> String.format(Locale.ROOT, "%.0f rpm", r))
                    .orElse(bool(s, "drivers", "tachometer").orElse(false) ? "unreadable" : "no tachometer")));
            rows.add(row("throttled", throttled(s)));
        }
        rows.add(row("curve", curve(s)));
        rows.add(row("config", text(s, "config", "source").orElse("?")
                + number(s, "config", "interval_seconds").map(i -> ", every " + seconds(i)).orElse("")));
        if (get(s, "errors").orElse(null) instanceof List<?> errors) {
            for (Object e : errors) {
                if (e instanceof Map<?, ?> error) {
                    rows.add(row(rows.get(rows.size() - 1)[0].equals("error") ? "" : "error",
                            text(error, "source").orElse("?") + " " + text(error, "id").orElse("?") + ": "
                                    + text(error, "message").orElse("")));
                }
            }
        }
        StringBuilder out = new StringBuilder(header).append('\n');
        for (String[] r : rows) {
            out.append(String.format(Locale.ROOT, "  %-12s %s%n", r[0], r[1]));
        }
        return out.toString();
    }

    /** One line per tray member: what it asks and when it was heard, or that it is lost and why. */
    private static List<String[]> tray(Map<?, ?> s) {
        if (!(get(s, "tray", "members").orElse(null) instanceof Map<?, ?> members)) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : members.entrySet()) {
            Map<?, ?> m = e.getValue() instanceof Map<?, ?> map ? map : Map.of();
            Optional<String> ago = number(m, "last_heard_seconds_ago").map(a -> String.format(Locale.ROOT, "%.1fs", a));
            String state = bool(m, "lost").orElse(true)
                    ? "LOST, " + ago.map(a -> "not heard from for " + a).orElse("never heard from")
                    : "asks " + number(m, "requested_duty").map(StatusCommand::percent).orElse("?")
                            + text(m, "reason").map(r -> " (" + r + ")").orElse("")
                            + number(m, "temperature_celsius").map(c -> ", " + celsius(c) + " C").orElse("")
                            + ago.map(a -> ", heard " + a + " ago").orElse("");
            String error = text(m, "error").map(err -> "; last poll: " + err).orElse("");
            rows.add(row(rows.isEmpty() ? "tray" : "", e.getKey() + "  " + state + error));
        }
        return rows;
    }

    /** ", the driver runs it at 100%" where the fan's driver keeps steps other than the duty (gpio-fan). */
    private static String driverStep(Map<?, ?> s) {
        Optional<Double> duty = number(s, "duty");
        Optional<Double> driven = number(s, "duty_driven");
        if (duty.isEmpty() || driven.isEmpty() || percent(duty.get()).equals(percent(driven.get()))) {
            return "";
        }
        return ", the driver runs it at " + percent(driven.get());
    }

    private static String throttled(Map<?, ?> s) {
        String source = text(s, "drivers", "throttle").map(id -> "  (" + id + ")").orElse("");
        if (!(get(s, "throttled").orElse(null) instanceof Map<?, ?> t)) {
            return "unknown: the source can tell nothing" + source;
        }
        List<String> now = new ArrayList<>();
        List<String> since = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (get(t, "conditions").orElse(null) instanceof Map<?, ?> conditions) {
            for (Map.Entry<?, ?> c : conditions.entrySet()) {
                String name = String.valueOf(c.getKey());
                Map<?, ?> v = c.getValue() instanceof Map<?, ?> m ? m : Map.of();
                Optional<Boolean> isNow = bool(v, "now");
                if (isNow.isEmpty()) {
                    unknown.add(name);
                } else if (isNow.get()) {
                    now.add(name);
                }
                if (bool(v, "since_boot").orElse(false)) {
                    since.add(name);
                }
            }
        }
        StringBuilder text = new StringBuilder(text(t, "word").orElse("?")).append(": ");
        text.append(now.isEmpty() ? "nothing now" : String.join(", ", now) + " now");
        if (!since.isEmpty()) {
            text.append("; since boot: ").append(String.join(", ", since));
        }
        if (!unknown.isEmpty()) {
            text.append("; cannot tell: ").append(String.join(", ", unknown));
        }
        return text + source;
    }

    private static String curve(Map<?, ?> s) {
        List<String> points = new ArrayList<>();
        if (get(s, "curve", "points").orElse(null) instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> point) {
                    points.add(number(point, "celsius").map(StatusCommand::celsius).orElse("?") + " C "
                            + number(point, "duty").map(StatusCommand::percent).orElse("?"));
                }
            }
        }
        return String.join(", ", points)
                + number(s, "curve", "hysteresis_celsius").map(h -> "; hysteresis " + celsius(h) + " C").orElse("")
                + number(s, "curve", "critical_celsius").map(c -> "; full speed from " + celsius(c) + " C").orElse("");
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String celsius(double c) {
        return c == Math.rint(c) ? String.format(Locale.ROOT, "%.0f", c) : String.format(Locale.ROOT, "%.1f", c);
    }

    private static String percent(double ratio) {
        double p = ratio * 100;
        return Math.abs(p - Math.rint(p)) < 0.05 ? String.format(Locale.ROOT, "%.0f%%", p)
                : String.format(Locale.ROOT, "%.1f%%", p);
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0fs", s) : String.format(Locale.ROOT, "%.0fms", s * 1000);
    }

    private static String duration(double seconds) {
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
