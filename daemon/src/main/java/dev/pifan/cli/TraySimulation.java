package dev.pifan.cli;

import dev.pifan.control.ControlLoop;
import dev.pifan.control.Controller;
import dev.pifan.control.Decision;
import dev.pifan.control.Reading;
import dev.pifan.control.Reason;
import dev.pifan.control.Snapshot;
import dev.pifan.hal.Board;
import dev.pifan.hal.BoardModel;
import dev.pifan.hal.Duty;
import dev.pifan.hal.Fan;
import dev.pifan.hal.HalException;
import dev.pifan.hal.MonotonicClock;
import dev.pifan.hal.NoFan;
import dev.pifan.hal.TemperatureSensor;
import dev.pifan.hal.ThrottleSensor;
import dev.pifan.hal.sim.RunFigures;
import dev.pifan.hal.sim.Sample;
import dev.pifan.hal.sim.SimulatedBoard;
import dev.pifan.hal.sim.SlowReads;
import dev.pifan.tray.PeerReport;
import dev.pifan.tray.Tray;
import dev.pifan.tray.TrayController;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.PriorityQueue;

/**
 * One run of a tray in simulated time (docs/tray.md, "Simulation"): each board on its own
 * simulated plant, its own pifan controller and control loop; the members' reports reach the
 * tray node's {@link Tray} through {@link PeerFault}s; the tray node's {@link TrayController}
 * decides, and that duty drives the one fan of every board's plant.
 *
 * <p>One clock for all, as in {@link Simulation}: it jumps from one tick to the next. At each
 * instant the members tick first, then the reports due arrive, then the tray node ticks, so a
 * report is news for the tray node's tick at the same instant, as a poll just before it would be.
 */
final class TraySimulation {

    private static final long SECOND = 1_000_000_000L;

    private TraySimulation() {
    }

    /** One board's run: its samples (the shared fan's duty and speed), and what its own rules asked. */
    record BoardRun(TraySetup.Board board, List<Sample> samples, List<Reason> reasons, List<Duty> requests,
                    List<Reason> requestReasons, RunFigures figures) {

        /** The run as {@code pifan simulate} keeps one, for its CSV, chart and summary. */
        Simulation.Result asSimulation(double targetC) {
            return new Simulation.Result(board.underTray(), board.scenario(), "pifan+tray", samples, reasons, figures,
                    targetC);
        }
    }

    /**
     * A time the shared fan ran at full speed for {@link Reason#PEER_LOST}.
     *
     * @param toS when a tick of the tray node chose another reason again; empty if none did before the end
     */
    record PeerLost(double fromS, OptionalDouble toS, String detail) {
    }

    /**
     * The tray node's answer to one fault.
     *
     * @param fullAtS when the fan went to full speed for peer_lost, empty if it never did from the fault's start
     * @param backAtS when a tick chose another reason again, empty if none did before the end
     */
    record FaultResponse(PeerFault fault, OptionalDouble fullAtS, OptionalDouble backAtS) {

        /** Seconds from the fault's start to full speed. */
        OptionalDouble fullAfterS() {
            return fullAtS.isPresent() ? OptionalDouble.of(fullAtS.getAsDouble() - fault.startS()) : fullAtS;
        }

        /** Seconds from the fault's end to back (negative: back while it lasted). */
        OptionalDouble backAfterS() {
            return backAtS.isPresent() ? OptionalDouble.of(backAtS.getAsDouble() - fault.endS()) : backAtS;
        }
    }

    record Result(TraySetup setup, List<BoardRun> boards, List<PeerLost> peerLost, List<FaultResponse> faults,
                  double targetC) {
    }

    static Result run(TraySetup setup, List<PeerFault> faults, double targetC, LocalTime start) {
        for (PeerFault fault : faults) {
            for (String member : fault.members()) {
                if (setup.members().stream().noneMatch(m -> m.name().equals(member))) {
                    throw new IllegalArgumentException("fault " + fault + ": '" + member + "' is not a member of the tray"
                            + (setup.node().name().equals(member) ? " but its tray node, which polls the others" : "")
                            + " (members: " + String.join(", ", setup.members().stream().map(TraySetup.Board::name)
                                    .toList()) + ")");
                }
            }
        }
        ManualClock clock = new ManualClock();
        int n = setup.boards().size();
        List<Unit> units = new ArrayList<>(n);
        for (TraySetup.Board b : setup.boards()) {
            units.add(new Unit(b, clock));
        }
        Tray tray = new Tray(setup.members().stream().map(TraySetup.Board::name).toList(), setup.staleAfter());
        Unit node = units.get(0);
        MonotonicClock nodeClock = Simulation.loopClock(clock, node.board.scenario(), node.board.config().interval());
        Remembering nodeOwn = new Remembering(ControlFactory.pifanController(node.board.config(),
                Simulation.timeOfDay(start)));
        SharedFan fan = new SharedFan(units, setup.fan().tach());
        ControlLoop nodeLoop = new ControlLoop(new WithFan(node.sim, fan), new TrayController(nodeOwn, tray, ControlFactory.fanLimits(node.board.config())), nodeClock);
        for (Unit member : units.subList(1, n)) {
            member.loop = new ControlLoop(new WithFan(member.sim, new NoFan()),
                    ControlFactory.pifanController(member.board.config(), Simulation.timeOfDay(start)),
                    Simulation.loopClock(clock, member.board.scenario(), member.board.config().interval()));
        }
        node.loop = nodeLoop;

        PriorityQueue<Delivery> late = new PriorityQueue<>();
        List<double[]> nodeTicks = new ArrayList<>(); // {time_s, 1 if peer_lost}
        List<PeerLost> peerLost = new ArrayList<>();
        double lostFrom = Double.NaN;
        String lostDetail = "";
        Reason shared = Reason.CURVE;
        long sequence = 0;
        while (!units.stream().allMatch(u -> u.sim.isComplete())) {
            long now = clock.nanos();
            long second = now / SECOND;
            for (Unit member : units.subList(1, n)) {
                if (member.nextTick <= now) {
                    Snapshot s = member.tick();
                    PeerReport report = new PeerReport(member.board.name() + "/1", s.tick(), s.duty(), s.reason(),
                            s.celsius(), s.decision().detail());
                    route(tray, faults, member.board.name(), second, report, now, nodeClock, late, sequence++);
                }
            }
            while (!late.isEmpty() && late.peek().atNanos <= now) {
                Delivery d = late.poll();
                tray.heard(d.member, d.report, nodeClock.nanos());
            }
            if (node.nextTick <= now) {
                Snapshot s = node.tick();
                node.request = nodeOwn.last.duty();
                node.requestReason = nodeOwn.last.reason();
                shared = s.reason();
                double t = (double) now / SECOND;
                boolean lost = shared == Reason.PEER_LOST;
                nodeTicks.add(new double[] {t, lost ? 1 : 0});
                if (lost && Double.isNaN(lostFrom)) {
                    lostFrom = t;
                    lostDetail = s.decision().detail();
                } else if (!lost && !Double.isNaN(lostFrom)) {
                    peerLost.add(new PeerLost(lostFrom, OptionalDouble.of(t), lostDetail));
                    lostFrom = Double.NaN;
                }
            }
            long next = units.stream().mapToLong(u -> u.nextTick).min().orElseThrow();
            if (!late.isEmpty()) {
                next = Math.min(next, late.peek().atNanos);
            }
            clock.advance(next - now);
            for (Unit u : units) {
                u.catchUp(shared);
            }
        }
        if (!Double.isNaN(lostFrom)) {
            peerLost.add(new PeerLost(lostFrom, OptionalDouble.empty(), lostDetail));
        }
        List<BoardRun> runs = units.stream().map(u -> u.result(targetC)).toList();
        List<FaultResponse> responses = faults.stream().map(f -> response(f, nodeTicks)).toList();
        return new Result(setup, runs, List.copyOf(peerLost), responses, targetC);
    }

    /** What the network does with one report of {@code member}, written at {@code now}. */
    private static void route(Tray tray, List<PeerFault> faults, String member, long second, PeerReport report,
            long now, MonotonicClock nodeClock, PriorityQueue<Delivery> late, long sequence) {
        for (PeerFault f : faults) {
            if (!f.hits(member, second)) {
                continue;
            }
            switch (f.kind()) {
                case PEER_LOST -> {
                    tray.failed(member, "no answer: the poll timed out (injected " + f.kind().label() + ")");
                    return;
                }
                case PARTITION -> {
                    tray.failed(member, "no route to host (injected " + f.kind().label() + ")");
                    return;
                }
                case PEER_GARBAGE -> {
                    tray.failed(member, "an answer that is no report: '<html>502 Bad Gateway' (injected "
                            + f.kind().label() + ")");
                    return;
                }
                case PEER_SLOW -> {
                    late.add(new Delivery(now + Math.round(f.lagS().getAsDouble() * SECOND), sequence, member, report));
                    return;
                }
                default -> throw new IllegalStateException(f.kind().toString());
            }
        }
        tray.heard(member, report, nodeClock.nanos());
    }

    /**
     * The tray node's answer to {@code fault}, from its ticks ({time_s, 1 if peer_lost}): the first
     * tick at or after its start at full speed for peer_lost, and the first tick after that which
     * is not. A slow member's late reports are news again while the fault lasts, so "back" may come
     * before the fault ends.
     */
    private static FaultResponse response(PeerFault fault, List<double[]> ticks) {
        OptionalDouble full = OptionalDouble.empty();
        OptionalDouble back = OptionalDouble.empty();
        for (double[] tick : ticks) {
            boolean lost = tick[1] == 1;
            if (full.isEmpty() && lost && tick[0] >= fault.startS()) {
                full = OptionalDouble.of(tick[0]);
            } else if (full.isPresent() && !lost) {
                back = OptionalDouble.of(tick[0]);
                break;
            }
        }
        return new FaultResponse(fault, full, back);
    }

    /** A report on its way, due at {@code atNanos}; in order of sending among reports due together. */
    private record Delivery(long atNanos, long sequence, String member, PeerReport report)
            implements Comparable<Delivery> {
        @Override
        public int compareTo(Delivery other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** One board of the run: its plant, its loop, and what each of its simulated seconds recorded. */
    private static final class Unit {
        final TraySetup.Board board;
        final SimulatedBoard sim;
        final List<Sample> samples = new ArrayList<>();
        final List<Reason> reasons = new ArrayList<>();
        final List<Duty> requests = new ArrayList<>();
        final List<Reason> requestReasons = new ArrayList<>();
        final long interval;
        ControlLoop loop;
        long nextTick;
        Duty request = Duty.OFF;
        Reason requestReason = Reason.CURVE;

        Unit(TraySetup.Board board, MonotonicClock clock) {
            this.board = board;
            this.sim = SimulatedBoard.bounded(board.underTray(), board.scenario(), clock, samples::add,
                    SlowReads.timingOutAfter(board.config().safety().readTimeout()));
            this.interval = board.config().interval().toNanos();
        }

        Snapshot tick() {
            Snapshot s = loop.tick();
            nextTick += interval;
            request = s.duty();
            requestReason = s.reason();
            return s;
        }

        /** Simulates the seconds the clock passed; each records the shared fan's reason and this board's request. */
        void catchUp(Reason shared) {
            sim.catchUp();
            while (reasons.size() < samples.size()) {
                reasons.add(shared);
                requests.add(request);
                requestReasons.add(requestReason);
            }
        }

        BoardRun result(double targetC) {
            return new BoardRun(board, List.copyOf(samples), List.copyOf(reasons), List.copyOf(requests),
                    List.copyOf(requestReasons), RunFigures.of(samples, board.underTray(), targetC));
        }
    }

    /** The one fan: a duty the tray node applies reaches every board's plant; its tachometer is the node's. */
    private static final class SharedFan implements Fan {
        private final List<Unit> units;
        private final boolean tach;

        SharedFan(List<Unit> units, boolean tach) {
            this.units = units;
            this.tach = tach;
        }

        @Override
        public String id() {
            return "tray-fan";
        }

        @Override
        public void apply(Duty duty) throws HalException {
            for (Unit u : units) {
                u.sim.fan().apply(duty);
            }
        }

        @Override
        public boolean hasTachometer() {
            return tach;
        }

        @Override
        public OptionalInt readRpm() throws HalException {
            return units.get(0).sim.fan().readRpm();
        }
    }

    /** A board's sensors with another fan. */
    private record WithFan(Board board, Fan fan) implements Board {
        @Override
        public BoardModel model() {
            return board.model();
        }

        @Override
        public TemperatureSensor temperature() {
            return board.temperature();
        }

        @Override
        public ThrottleSensor throttle() {
            return board.throttle();
        }
    }

    /** A controller that keeps its last decision: the tray node's own request, before the tray's rule. */
    private static final class Remembering implements Controller {
        private final Controller inner;
        Decision last = Decision.curve(Duty.OFF);

        Remembering(Controller inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Decision decide(Reading reading) {
            last = inner.decide(reading);
            return last;
        }

        @Override
        public void drivenAt(Duty duty) {
            inner.drivenAt(duty);
        }
    }
}
