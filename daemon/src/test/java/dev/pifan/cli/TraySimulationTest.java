package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pifan.control.Reason;
import dev.pifan.hal.Duty;
import dev.pifan.hal.sim.BoardProfile;
import dev.pifan.hal.sim.LoadTrace;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.Scenario;
import dev.pifan.hal.sim.Scenarios;
import dev.pifan.hal.sim.TrayFan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tray in simulated time: the one fan, the tray's rule over the members' requests, and the peer faults. */
class TraySimulationTest {

    private static final BoardProfile PI5 = BoardProfile.PI5_ACTIVE_COOLER;
    /** 20 minutes of full load in a warm room: every board asks for a running fan. */
    private static final Scenario WARM = Scenario.of("warm", 1200, LoadTrace.constant(1.0, 28));

    private static TraySimulation.Result run(TraySetup setup, String... faults) {
        return TraySimulation.run(setup, java.util.Arrays.stream(faults).map(PeerFault::parse).toList(), 65,
                Simulation.DEFAULT_START);
    }

    /** The reason of the shared fan in force during second {@code k} (1-based sample time k + 1). */
    private static Reason reasonAt(TraySimulation.Result r, int k) {
        return r.boards().get(0).reasons().get(k);
    }

    @Test
    void everyBoardsPlantTurnsTheOneFanAtTheSameSpeed() {
        TraySimulation.Result r = run(TraySetup.uniform(PI5, 4, Scenarios.named("bursty-ci"), TrayFan.ASSUMED_92MM));
        List<Sample> node = r.boards().get(0).samples();
        for (TraySimulation.BoardRun b : r.boards()) {
            for (int i = 0; i < node.size(); i++) {
                assertEquals(node.get(i).duty(), b.samples().get(i).duty(), "duty of " + b.board().name() + " at " + i);
                assertEquals(node.get(i).rpm(), b.samples().get(i).rpm(), "rpm of " + b.board().name() + " at " + i);
            }
        }
    }

    /**
     * The composition adds no physics of its own: a tray of identical boards on the same load runs
     * exactly as one of them alone under the tray-cooled plant, with the same defaults.
     */
    @Test
    void aTrayOfIdenticalBoardsRunsAsOneOfThemAloneUnderTheTrayCooledPlant() {
        TraySetup setup = TraySetup.uniform(PI5, 4, Scenarios.named("bursty-ci"), TrayFan.ASSUMED_92MM);
        TraySimulation.Result tray = run(setup);
        TraySetup.Board b = setup.node();
        Simulation.Result alone = Simulation.run(b.underTray(), b.scenario(),
                ControlFactory.pifanController(b.config(), Simulation.timeOfDay(Simulation.DEFAULT_START)),
                b.config().interval(), 65, b.config().safety().readTimeout());
        List<Sample> board = tray.boards().get(2).samples();
        assertEquals(alone.samples().size(), board.size());
        for (int i = 0; i < board.size(); i++) {
            assertEquals(alone.samples().get(i), board.get(i), "second " + i);
        }
        assertEquals(alone.figures(), tray.boards().get(2).figures());
    }

    @Test
    void theNeediestMembersRequestDrivesTheSharedFan() {
        TraySetup idle = TraySetup.uniform(PI5, 2, Scenarios.named("idle-25"), TrayFan.ASSUMED_92MM);
        TraySetup.Board hot = TraySetup.uniform(PI5, 2, Scenarios.named("rack-33"), TrayFan.ASSUMED_92MM).boards().get(1);
        TraySetup setup = new TraySetup("idle node, hot member", idle.fan(), idle.staleAfter(),
                List.of(idle.node(), hot));
        TraySimulation.Result r = run(setup);
        TraySimulation.BoardRun node = r.boards().get(0);
        TraySimulation.BoardRun member = r.boards().get(1);
        int peer = 0;
        for (int k = 0; k < node.samples().size(); k++) {
            Duty shared = Duty.ofRatio(node.samples().get(k).duty());
            assertTrue(shared.compareTo(member.requests().get(k)) >= 0, "second " + k + ": the fan ran at " + shared
                    + " below the member's request " + member.requests().get(k));
            if (node.reasons().get(k) == Reason.PEER) {
                peer++;
                assertEquals(member.requests().get(k), shared, "second " + k);
            }
        }
        assertTrue(peer > 1000, "the hot member should drive the fan most of the hour, did for " + peer + " s");
        assertEquals(0, member.figures().overTargetS());
    }

    @Test
    void aLostMemberSendsTheFanToFullWithinStaleAfterPlusOneIntervalAndBackWhenItReturns() {
        TraySetup setup = TraySetup.uniform(PI5, 4, WARM, TrayFan.ASSUMED_92MM);
        TraySimulation.Result r = run(setup, "peer-lost:board3:600:900");
        TraySimulation.FaultResponse f = r.faults().get(0);
        System.out.printf("peer-lost:board3:600:900: full at %.0f s (%.0f s after it began), back at %.0f s (%.0f s"
                + " after it ended)%n", f.fullAtS().getAsDouble(), f.fullAfterS().getAsDouble(),
                f.backAtS().getAsDouble(), f.backAfterS().getAsDouble());
        double staleAfterS = setup.staleAfter().toMillis() / 1000.0;
        double intervalS = setup.node().config().interval().toMillis() / 1000.0;
        assertTrue(f.fullAfterS().getAsDouble() <= staleAfterS + intervalS, f::toString);
        assertTrue(f.backAfterS().getAsDouble() >= 0 && f.backAfterS().getAsDouble() <= intervalS, f::toString);
        // and in the samples: full speed for peer_lost from then to the member's return, and not before or after
        int from = (int) f.fullAtS().getAsDouble();
        int to = (int) f.backAtS().getAsDouble();
        for (int k = 0; k < r.boards().get(0).samples().size(); k++) {
            boolean lost = k >= from && k < to;
            assertEquals(lost, reasonAt(r, k) == Reason.PEER_LOST, "second " + k);
            if (lost) {
                assertEquals(1.0, r.boards().get(0).samples().get(k).duty(), "second " + k);
            }
        }
        assertEquals(1, r.peerLost().size(), r.peerLost()::toString);
        assertTrue(r.peerLost().get(0).detail().contains("board3"), r.peerLost()::toString);
    }

    @Test
    void aPartitionAndUnreadableAnswersCountAsLostToo() {
        TraySetup setup = TraySetup.uniform(PI5, 4, WARM, TrayFan.ASSUMED_92MM);
        TraySimulation.Result r = run(setup, "partition:board2,board4:300:400", "peer-garbage:board3:700:760");
        for (TraySimulation.FaultResponse f : r.faults()) {
            System.out.printf("%s: full %.0f s after it began, back %.0f s after it ended%n", f.fault(),
                    f.fullAfterS().getAsDouble(), f.backAfterS().getAsDouble());
            assertTrue(f.fullAfterS().getAsDouble() <= 4, f::toString);
            assertTrue(f.backAfterS().getAsDouble() >= 0 && f.backAfterS().getAsDouble() <= 1, f::toString);
        }
        assertTrue(r.peerLost().get(1).detail().contains("injected peer-garbage"), r.peerLost()::toString);
    }

    @Test
    void lateReportsAreLostUntilTheFirstArrivesThenFollowedLate() {
        TraySetup setup = TraySetup.uniform(PI5, 4, WARM, TrayFan.ASSUMED_92MM);
        TraySimulation.FaultResponse slow = run(setup, "peer-slow:board2:600:700:5").faults().get(0);
        System.out.printf("peer-slow:board2:600:700:5: full at %.0f s, back at %.0f s%n", slow.fullAtS().getAsDouble(),
                slow.backAtS().getAsDouble());
        // the first late report comes 5 s after the last timely one: lost after 3 s, back when it arrives
        assertEquals(602, slow.fullAtS().getAsDouble());
        assertEquals(605, slow.backAtS().getAsDouble());
        // a lag under stale-after never reads as lost
        assertTrue(run(setup, "peer-slow:board2:600:700:2").faults().get(0).fullAtS().isEmpty());
    }

    @Test
    void aFaultMustNameAMemberNotTheTrayNode() {
        TraySetup setup = TraySetup.uniform(PI5, 2, WARM, TrayFan.ASSUMED_92MM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(setup, "peer-lost:board1:10:20"));
        assertEquals("fault peer-lost:board1:10:20: 'board1' is not a member of the tray but its tray node, which"
                + " polls the others (members: board2)", e.getMessage());
    }
}
