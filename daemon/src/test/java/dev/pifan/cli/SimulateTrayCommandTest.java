package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.telemetry.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pifan simulate --tray FILE}: its outputs per board, its faults and its errors. */
class SimulateTrayCommandTest {

    /** The example of docs/tray.md, as a user runs it from the repository's root. */
    private static final String EXAMPLE = Path.of("..", "docs", "examples", "tray.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void printsEachBoardsFiguresAndCriteriaAndTheNoiseOfOneFanAgainstAFanEach() {
        Cli cli = Cli.run("simulate", "--tray", EXAMPLE);
        assertEquals(0, cli.exitCode(), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("pifan on tray " + EXAMPLE + ": 4 boards under one fan (assumed-92mm: 2000 rpm,"
                + " 26.5 CFM, 23 dB(A) at full), stale-after 3 s\n"), out);
        assertTrue(out.matches("(?s).*\n  node1\\*  pi5-active-cooler  rack-33 .* pass\n.*"), out);
        assertTrue(out.matches("(?s).*\n  node4   cm4-blade +idle-25 .*\n.*"), out);
        assertTrue(out.contains("  noise (Leq): the tray fan "), out);
        assertTrue(out.contains("; a fan per board, 4 together, "), out);
        assertTrue(!out.contains("peer_lost"), "no fault, no peer_lost: " + out);
    }

    @Test
    void jsonShowsWhenTheFanWentFullForPeerLostAndWhenItCameBack() {
        Cli cli = Cli.run("simulate", "--tray", EXAMPLE, "--duration", "1200", "--json",
                "--fault", "peer-lost:node3:600:900");
        assertEquals(0, cli.exitCode(), cli.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(cli.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> fault = ((List<Map<String, Object>>) json.get("faults")).get(0);
        System.out.println("simulate --tray --fault peer-lost:node3:600:900: " + fault);
        assertEquals("peer-lost:node3:600:900", fault.get("fault"));
        assertTrue(((Number) fault.get("full_after_s")).doubleValue() <= 3 + 1, fault::toString);
        assertEquals(900.0, ((Number) fault.get("back_at_s")).doubleValue(), fault::toString);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lost = (List<Map<String, Object>>) json.get("peer_lost");
        assertEquals(1, lost.size(), lost::toString);
        assertTrue(((String) lost.get(0).get("detail")).startsWith("tray member node3 not heard from for 3.0 s"),
                lost::toString);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boards = (List<Map<String, Object>>) json.get("boards");
        assertEquals(List.of("node1", "node2", "node3", "node4"), boards.stream().map(b -> b.get("name")).toList());
        assertTrue(boards.get(0).containsKey("own_fan") && boards.get(0).containsKey("criteria"), boards::toString);
    }

    @Test
    void csvAndSvgAreWrittenPerBoard() throws IOException {
        Path csv = dir.resolve("run.csv");
        Path svg = dir.resolve("run.svg");
        Cli cli = Cli.run("simulate", "--tray", EXAMPLE, "--duration", "120", "--csv", csv.toString(),
                "--svg", svg.toString(), "--fault", "peer-garbage:node2:30:60");
        assertEquals(0, cli.exitCode(), cli.err());
        for (String board : List.of("node1", "node2", "node3", "node4")) {
            List<String> lines = Files.readAllLines(dir.resolve("run-" + board + ".csv"));
            assertEquals(121, lines.size(), board);
            assertTrue(lines.get(0).endsWith(",reason,request,request_reason"), lines.get(0));
            assertTrue(Files.readString(dir.resolve("run-" + board + ".svg")).contains("<svg "), board);
        }
        List<String> node = Files.readAllLines(dir.resolve("run-node1.csv"));
        assertTrue(node.get(40).contains(",peer_lost,"), "second 40, 10 s into the garbage: " + node.get(40));
        assertTrue(!node.get(80).contains(",peer_lost,"), node.get(80));
    }

    @Test
    void optionsOfASingleBoardAreRefusedWithTheReason() {
        Cli cli = Cli.run("simulate", "--tray", EXAMPLE, "--profile", "cm4-blade");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.errIsOneCleanMessage(), cli.err());
        assertTrue(cli.err().contains("--profile does not go with --tray"), cli.err());

        Cli noProfile = Cli.run("simulate", "--scenario", "idle-25");
        assertEquals(2, noProfile.exitCode());
        assertTrue(noProfile.err().contains("Missing required option: '--profile=P' (or simulate a tray with --tray"
                + " FILE)"), noProfile.err());
    }

    @Test
    void aBadFaultOrTrayFileIsOneMessageNamingWhatIsWrong() throws IOException {
        Cli member = Cli.run("simulate", "--tray", EXAMPLE, "--fault", "peer-lost:node9:1:2");
        assertEquals(2, member.exitCode());
        assertTrue(member.err().contains("'node9' is not a member of the tray (members: node2, node3, node4)"),
                member.err());
        Cli kind = Cli.run("simulate", "--tray", EXAMPLE, "--fault", "sensor-error:600:900");
        assertEquals(2, kind.exitCode());
        assertTrue(kind.err().contains("is not KIND:MEMBER:START:END[:ARG]"), kind.err());

        Path tray = dir.resolve("bad.yaml");
        Files.writeString(tray, "boards:\n  - {name: a, profile: cm4-blade, scenario: idle-25}\n"
                + "  - {name: b, profile: cm4-blade, scenario: idle-25, share: 2}\n");
        Cli bad = Cli.run("simulate", "--tray", tray.toString());
        assertEquals(1, bad.exitCode());
        assertEquals("pifan: " + tray + ":3: boards[1].share: 2 outside 0.001..1\n", bad.err());
    }
}
