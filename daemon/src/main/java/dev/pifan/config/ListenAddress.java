package dev.pifan.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the telemetry HTTP server listens: a host (empty for all interfaces) and a port.
 *
 * <p>Written {@code HOST:PORT} ({@code 127.0.0.1:9780}, {@code node1.lan:9780}), {@code :PORT}
 * for all interfaces, {@code [IPv6]:PORT} ({@code [::1]:9780}), or {@code off} for no server at
 * all. The host is not resolved here: that happens when the server binds, and a name that does not
 * resolve is reported then.
 *
 * @param host a host name or address as written (IPv6 without brackets); empty means all interfaces
 * @param port 1..65535
 */
public record ListenAddress(String host, int port) {

    /**
     * pifan's port. The Prometheus exporter range 9100-9999 has been fully allocated on the
     * project's wiki since 2023, so no free port exists there; 9780 is not the port of any common
     * exporter (see docs/observability.md).
     */
    public static final int DEFAULT_PORT = 9780;
    /** All interfaces, {@link #DEFAULT_PORT}. */
    public static final ListenAddress DEFAULT = new ListenAddress("", DEFAULT_PORT);
    public static final String OFF = "off";

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]]*):([^:]*)");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final String FORMS = "write HOST:PORT, :PORT for all interfaces, or off";

    public ListenAddress {
        if (host == null) {
            throw new IllegalArgumentException("listen address needs a host (empty for all interfaces)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 1..65535");
        }
    }

    /**
     * Parses {@code HOST:PORT}, {@code :PORT}, {@code [IPv6]:PORT} or {@code off} (empty).
     *
     * @throws IllegalArgumentException with a message for the person who wrote {@code text}
     */
    public static Optional<ListenAddress> parseOrOff(String text) {
        String t = text.strip();
        if (t.equals(OFF)) {
            return Optional.empty();
        }
        return Optional.of(parse(t));
    }

    private static ListenAddress parse(String t) {
        if (DIGITS.matcher(t).matches()) {
            throw new IllegalArgumentException(Units.quoted(t) + " has no host: write :" + t
                    + " for all interfaces, or 127.0.0.1:" + t + " for this machine only");
        }
        Matcher m = HOST_PORT.matcher(t);
        if (!m.matches()) {
            String hint = t.indexOf(':') != t.lastIndexOf(':') && !t.startsWith("[")
                    ? " (an IPv6 address goes in brackets: [::1]:" + DEFAULT_PORT + ")"
                    : "";
            throw new IllegalArgumentException(Units.quoted(t) + " is not an address: " + FORMS + hint);
        }
        String host = m.group(1);
        String portText = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (!IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException(Units.quoted(t) + ": " + Units.quoted(host)
                        + " is not an IPv6 address");
            }
        } else if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException(Units.quoted(t) + ": " + Units.quoted(host)
                    + " is not a host name or address");
        }
        if (portText.isEmpty()) {
            throw new IllegalArgumentException(Units.quoted(t) + " has no port: " + FORMS);
        }
        if (!DIGITS.matcher(portText).matches()) {
            throw new IllegalArgumentException(Units.quoted(t) + ": port " + Units.quoted(portText)
                    + " is not a number");
        }
        int port = portText.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + (port == Integer.MAX_VALUE ? Units.shown(portText) : port)
                    + " outside 1..65535");
        }
        return new ListenAddress(host, port);
    }

    public boolean allInterfaces() {
        return host.isEmpty();
    }

    /**
     * Where a client on this machine reaches the server: the loopback address when listening on
     * all interfaces.
     */
    public String localUrl(String path) {
        String h = allInterfaces() || host.equals("0.0.0.0") ? "127.0.0.1"
                : host.equals("::") ? "[::1]"
                : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + path;
    }

    /** As written in a config: {@code :9780}, {@code 127.0.0.1:9780}, {@code [::1]:9780}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
