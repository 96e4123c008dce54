package dev.pifan.config;

import static dev.pifan.config.ConfigErrorsTest.expect;
import static dev.pifan.config.ConfigErrorsTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code metrics.listen}: where the telemetry HTTP server listens, or off. */
class MetricsConfigTest {

    private static Optional<ListenAddress> listen(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "pifan.yaml").metrics().listen();
    }

    @Test
    void withoutAMetricsSectionItListensOnAllInterfacesOnTheDefaultPort() throws ConfigException {
        assertEquals(Optional.of(ListenAddress.DEFAULT), listen("interval: 1s\n"));
        assertEquals(Optional.of(ListenAddress.DEFAULT), listen("metrics:\n"));
        assertEquals(Optional.of(new ListenAddress("", 9780)), PifanConfig.defaults("auto").metrics().listen());
        assertEquals(9780, ListenAddress.DEFAULT_PORT);
    }

    @Test
    void offTurnsTheServerOff() throws ConfigException {
        assertEquals(Optional.empty(), listen("metrics:\n  listen: off\n"));
        assertEquals(Optional.empty(), listen("metrics: {listen: \"off\"}\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ":9780               | ''          | 9780",
            "127.0.0.1:9100      | 127.0.0.1   | 9100",
            "0.0.0.0:1           | 0.0.0.0     | 1",
            "node-1.lan:65535    | node-1.lan  | 65535",
            "'\"[::1]:9780\"'    | ::1         | 9780",
            "'\"[::]:9780\"'     | ::          | 9780",
            "'\"[fe80::1%eth0]:9780\"' | fe80::1%eth0 | 9780",
    })
    void hostAndPortForms(String written, String host, int port) throws ConfigException {
        assertEquals(Optional.of(new ListenAddress(host, port)), listen("metrics:\n  listen: " + written + "\n"));
    }

    @Test
    void aBadAddressIsReportedWithItsPathAndLine() {
        expect("interval: 1s\nmetrics:\n  listen: 127.0.0.1:99999\n", 3, "metrics.listen",
                "port 99999 outside 1..65535");
        expect("metrics:\n  listen: :0\n", 2, "metrics.listen", "port 0 outside 1..65535");
        expect("metrics:\n  listen: 9780\n", 2, "metrics.listen",
                "\"9780\" has no host: write :9780 for all interfaces, or 127.0.0.1:9780 for this machine only");
        expect("metrics:\n  listen: localhost\n", 2, "metrics.listen",
                "\"localhost\" is not an address: write HOST:PORT, :PORT for all interfaces, or off");
        expect("metrics:\n  listen: 'localhost:'\n", 2, "metrics.listen",
                "\"localhost:\" has no port: write HOST:PORT, :PORT for all interfaces, or off");
        expect("metrics:\n  listen: localhost:http\n", 2, "metrics.listen",
                "\"localhost:http\": port \"http\" is not a number");
        expect("metrics:\n  listen: 'no_such host:80'\n", 2, "metrics.listen",
                "\"no_such host:80\": \"no_such host\" is not a host name or address");
        expect("metrics:\n  listen: '::1:9780'\n", 2, "metrics.listen",
                "\"::1:9780\" is not an address: write HOST:PORT, :PORT for all interfaces, or off"
                        + " (an IPv6 address goes in brackets: [::1]:9780)");
        expect("metrics:\n  listen: '[nope]:9780'\n", 2, "metrics.listen",
                "\"[nope]:9780\": \"nope\" is not an IPv6 address");
        expect("metrics:\n  listen: :1234567\n", 2, "metrics.listen", "port 1234567 outside 1..65535");
        expect("metrics:\n  listen: :99999999999999999999\n", 2, "metrics.listen",
                "port 99999999999999999999 outside 1..65535");
    }

    @Test
    void anUnquotedIpv6AddressIsAYamlListAndSaidSo() {
        ConfigProblem p = problems("metrics:\n  listen: [::1]:9780\n").get(0);
        assertEquals(2, p.line(), p::toString);
    }

    @Test
    void theSectionFollowsTheOtherSectionsRules() {
        expect("metrics:\n  listn: :9780\n", 2, "metrics.listn", "unknown key (did you mean 'listen'?)");
        expect("metrics:\n  port: 9780\n", 2, "metrics.port", "unknown key (valid keys: listen)");
        expect("listen: :9780\n", 1, "listen", "unknown key here (it belongs under metrics:)");
        expect("metrics:\n  listen: :9780\n  listen: off\n", 3, "metrics.listen",
                "duplicate key, first set at line 2");
        expect("metrics: :9780\n", 1, "metrics", "expected a map of settings (listen), found \":9780\"");
        expect("metrics:\n  listen:\n", 2, "metrics.listen", "expected HOST:PORT, :PORT or off, found no value");
        expect("metrics:\n  listen: [a, b]\n", 2, "metrics.listen",
                "expected HOST:PORT, :PORT or off, found a list");
    }

    @Test
    void everyProblemInTheFileIsListedTogether() {
        var all = problems("interval: 10ms\nmetrics:\n  listen: :70000\n");
        assertEquals(2, all.size(), all::toString);
        assertEquals("pifan.yaml:3: metrics.listen: port 70000 outside 1..65535", all.get(1).toString());
    }

    @Test
    void theRecordRefusesWhatTheParserRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 0));
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 65536));
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress(null, 80));
    }

    @Test
    void addressesPrintAsWrittenAndGiveALocalUrl() {
        assertEquals(":9780", ListenAddress.DEFAULT.toString());
        assertEquals("[::1]:9780", new ListenAddress("::1", 9780).toString());
        assertEquals("http://127.0.0.1:9780/status", ListenAddress.DEFAULT.localUrl("/status"));
        assertEquals("http://127.0.0.1:1/status", new ListenAddress("0.0.0.0", 1).localUrl("/status"));
        assertEquals("http://[::1]:2/status", new ListenAddress("::", 2).localUrl("/status"));
        assertEquals("http://[::1]:2/status", new ListenAddress("::1", 2).localUrl("/status"));
        assertEquals("http://node1:3/x", new ListenAddress("node1", 3).localUrl("/x"));
        assertTrue(ListenAddress.DEFAULT.allInterfaces());
    }
}
