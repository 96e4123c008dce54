package dev.pifan.config;

import static dev.pifan.config.ConfigErrorsTest.expect;
import static dev.pifan.config.ConfigErrorsTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.hal.linux.fans.NoneDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tray: section: its keys, their defaults, and every way of getting them wrong. */
class TrayConfigTest {

    private static final String MEMBERS = "  members:\n    - {name: b2, address: 10.0.0.12:9780}\n";

    static TraySpec tray(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "pifan.yaml").tray().orElseThrow();
    }

    @Test
    void noSectionNoTray() throws ConfigException {
        assertEquals(Optional.empty(), ConfigLoader.parse("interval: 1s\n", "pifan.yaml").tray());
    }

    @Test
    void staleAfterIsThreeIntervalsAndPollTimeoutTheIntervalAtMostTwoSecondsByDefault() throws ConfigException {
        TraySpec spec = tray("interval: 1s\ntray:\n" + MEMBERS);
        assertEquals(Duration.ofSeconds(3), spec.staleAfter());
        assertEquals(Duration.ofSeconds(1), spec.pollTimeout());
        assertEquals(List.of(new TraySpec.Member("b2", new ListenAddress("10.0.0.12", 9780))), spec.members());
        TraySpec slow = tray("interval: 5s\ntray:\n" + MEMBERS);
        assertEquals(Duration.ofSeconds(15), slow.staleAfter());
        assertEquals(Duration.ofSeconds(2), slow.pollTimeout());
    }

    @Test
    void writtenValuesAndTheMembersInFileOrder() throws ConfigException {
        TraySpec spec = tray("interval: 2s\ntray:\n  stale-after: 5s\n  poll-timeout: 500ms\n  members:\n"
                + "    - {name: b3, address: 'node3.lan:9781'}\n    - {name: b2, address: '[fd00::2]:9780'}\n");
        assertEquals(Duration.ofSeconds(5), spec.staleAfter());
        assertEquals(Duration.ofMillis(500), spec.pollTimeout());
        assertEquals(List.of("b3", "b2"), spec.members().stream().map(TraySpec.Member::name).toList());
        assertEquals(new ListenAddress("fd00::2", 9780), spec.members().get(1).address());
    }

    @Test
    void kubernetesDiscoveryNamesTheTray() throws ConfigException {
        TraySpec spec = tray("tray:\n  kubernetes: {name: rack1-tray2}\n");
        assertEquals(Optional.of("rack1-tray2"), spec.kubernetesTray());
        assertEquals(List.of(), spec.members());
    }

    @Test
    void theSummarySaysTheTray() throws ConfigException {
        assertTrue(ConfigLoader.parse("tray:\n" + MEMBERS, "pifan.yaml").summary()
                .endsWith(", tray of 1 member, stale after 3s"), "summary");
    }

    @Test
    void staleAfterBelowTwoIntervalsIsRefused() {
        expect("interval: 2s\ntray:\n  stale-after: 3s\n" + MEMBERS, 3, "tray.stale-after",
                "3s is below 2 x interval (4s): one late answer would run the fan at full speed");
    }

    @Test
    void staleAfterAboveTenMinutesIsRefused() {
        expect("tray:\n  stale-after: 11m\n" + MEMBERS, 2, "tray.stale-after",
                "11m is above 10m: a silent member would leave its board without cooling that long");
    }

    @Test
    void pollTimeoutAboveTheIntervalIsRefused() {
        expect("interval: 1s\ntray:\n  poll-timeout: 1500ms\n" + MEMBERS, 3, "tray.poll-timeout",
                "1500ms is above the interval (1s): a round of polls must end before the next one starts");
        expect("tray:\n  poll-timeout: 5ms\n" + MEMBERS, 2, "tray.poll-timeout", "5ms is below 10ms");
    }

    @Test
    void aDurationThatIsNoneIsRefused() {
        expect("tray:\n  stale-after: soon\n" + MEMBERS, 2, "tray.stale-after",
                problems("interval: soon\n").get(0).message());
    }

    @Test
    void membersOrKubernetesOneIsRequiredNotBoth() {
        expect("tray:\n  stale-after: 3s\n", 2, "tray",
                "a tray needs its members: members: [{name: b2, address: 10.0.0.12:9780}] or kubernetes: {name: TRAY}");
        expect("tray:\n" + MEMBERS + "  kubernetes: {name: t}\n", 4, "tray.kubernetes",
                "tray.members (line 2) and tray.kubernetes both say where the members are: give one");
    }

    @Test
    void namesAreUnique() {
        expect("tray:\n  members:\n    - {name: b2, address: 10.0.0.12:9780}\n    - {name: b2, address: 10.0.0.13:9780}\n",
                4, "tray.members[1].name", "b2 is listed twice, first at line 3: names must be unique");
    }

    @Test
    void aMemberNeedsNameAndAHostAndPort() {
        expect("tray:\n  members:\n    - {name: b2}\n", 3, "tray.members[0]",
                "a member needs name and address: address is missing");
        expect("tray:\n  members:\n    - {name: b2, address: ':9780'}\n", 3, "tray.members[0].address",
                "\":9780\" does not say where the member is: write its HOST:PORT, e.g. 10.0.0.12:9780");
        expect("tray:\n  members:\n    - {name: b2, address: 'off'}\n", 3, "tray.members[0].address",
                "\"off\" does not say where the member is: write its HOST:PORT, e.g. 10.0.0.12:9780");
        expect("tray:\n  members:\n    - {name: b2, address: 10.0.0.12}\n", 3, "tray.members[0].address",
                "\"10.0.0.12\" is not an address: write HOST:PORT, :PORT for all interfaces, or off");
        expect("tray:\n  members:\n    - {name: 'b 2', address: 10.0.0.12:9780}\n", 3, "tray.members[0].name",
                "\"b 2\" is not a plain name (letters, digits, '.', '-' and '_', at most 63, beginning and ending"
                        + " with a letter or digit)");
    }

    @Test
    void wrongShapesAreNamed() {
        expect("tray:\n  members: b2\n", 2, "tray.members",
                "expected a list like [{name: b2, address: 10.0.0.12:9780}], found \"b2\"");
        expect("tray:\n  members: []\n", 2, "tray.members", "the list is empty: name at least one member");
        expect("tray:\n  members:\n    - b2\n", 3, "tray.members[0]",
                "expected a map of settings (name, address), found \"b2\"");
        expect("tray:\n  kubernetes: TRAY\n", 2, "tray.kubernetes", "expected a map of settings (name), found \"TRAY\"");
        expect("tray:\n  kubernetes: {}\n", 2, "tray.kubernetes",
                "expected {name: TRAY}, the tray's name its nodes are labelled with");
        expect("tray: 3\n", 1, "tray",
                "expected a map of settings (stale-after, poll-timeout, members, kubernetes), found \"3\"");
    }

    @Test
    void unknownKeysGetADidYouMean() {
        expect("tray:\n  stale-afer: 3s\n" + MEMBERS, 2, "tray.stale-afer", "unknown key (did you mean 'stale-after'?)");
        expect("tray:\n  members:\n    - {name: b2, adress: 10.0.0.12:9780}\n", 3, "tray.members[0].adress",
                "unknown key (did you mean 'address'?)");
        expect("stale-after: 3s\n", 1, "stale-after", "unknown key here (it belongs under tray:)");
    }

    @Test
    void aMemberBoardDeclaresItHasNoFan() throws ConfigException {
        assertEquals(new NoneDriver.Spec(), ConfigLoader.parse("hardware:\n  fan: {driver: none}\n", "pifan.yaml")
                .hardware().fan());
        expect("hardware:\n  fan: {driver: none, pin: 18}\n", 2, "hardware.fan.pin",
                problems("hardware:\n  fan: {driver: none, pin: 18}\n").get(0).message());
    }
}
