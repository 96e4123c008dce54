package dev.pifan.cli;

import dev.pifan.hal.sim.BoardProfile;

/**
 * The fan's real start and stop duties, by bisection: a start trial begins with the fan stopped and
 * asks whether a duty starts it, a stop trial begins with the fan running and asks whether a duty
 * keeps it turning. With a tachometer a trial reads the answer (a started fan turns within a
 * second, a stopped one reads 0 once it has run down); without one the temperature answers: the
 * fitted model predicts the trial's readings with the fan turning at that duty and with it
 * stopped, and the closer prediction wins (a stopped fan lets the heatsink warm by degrees within
 * two minutes; a turning one at the stop duty does not).
 */
final class Stiction {

    /** A threshold's bracket after the bisection: it lies in (low, high]. */
    record Bracket(double low, double high) {
        double estimate() {
            return (low + high) / 2;
        }

        double halfWidth() {
            return (high - low) / 2;
        }
    }

    /**
     * The fan's start and stop duties under which a trial's fan turns or stays stopped; both agree
     * with every earlier trial of the bisection (those above a threshold's bracket turned, those
     * below did not), so only this trial tells them apart.
     */
    record Hypotheses(double turningStart, double turningStop, double stoppedStart, double stoppedStop) {
    }

    /** Says whether the trial just recorded (seconds {@code from..now}) ended with the fan turning. */
    interface Judge {
        boolean turning(TuneSession session, int from, Hypotheses hypotheses);

        /** Seconds of a trial: long enough for the answer to show. */
        int trialS();

        /** Seconds at full speed before a trial: the heatsink cools from the last one, and the fan turns. */
        int coolS();

        /** Seconds at 0 before a start trial: until the fan has stopped. */
        int stopS();

        String method();
    }

    /** The tachometer's answer: rpm above 0 at the trial's end. */
    static final class Tachometer implements Judge {
        @Override
        public boolean turning(TuneSession session, int from, Hypotheses hypotheses) {
            return session.rpm(session.now() - 1).orElse(0) > 0;
        }

        @Override
        public int trialS() {
            return 30; // a stopped fan in the model runs down from full speed to 0 rpm in some 20 s
        }

        @Override
        public int coolS() {
            return 60;
        }

        @Override
        public int stopS() {
            return 30;
        }

        @Override
        public String method() {
            return "tachometer";
        }
    }

    /** The temperature's answer, from the model fitted so far. */
    static final class Thermal implements Judge {
        private final BoardProfile dataSheet;
        private final ModelReplay.Thermal constants;

        Thermal(BoardProfile dataSheet, ModelReplay.Thermal constants) {
            this.dataSheet = dataSheet;
            this.constants = constants;
        }

        @Override
        public boolean turning(TuneSession session, int from, Hypotheses h) {
            TuneRecording rec = session.recording();
            double turning = windowError(new ModelReplay(rec, dataSheet, h.turningStart(), h.turningStop()), rec, from);
            double stopped = windowError(new ModelReplay(rec, dataSheet, h.stoppedStart(), h.stoppedStop()), rec, from);
            return turning <= stopped;
        }

        /** The squared error over the trial, after removing the mean error of the 20 s before it. */
        private double windowError(ModelReplay replay, TuneRecording rec, int from) {
            double[] die = replay.die(constants, rec.sensorC(0) - replay.firstPowerW() * constants.rDs());
            int anchorFrom = Math.max(0, from - 20);
            double offset = 0;
            for (int k = anchorFrom; k < from; k++) {
                offset += (rec.sensorC(k) - die[k]) / (from - anchorFrom);
            }
            double sum = 0;
            for (int k = from; k < rec.seconds(); k++) {
                double e = rec.sensorC(k) - die[k] - offset;
                sum += e * e;
            }
            return sum;
        }

        @Override
        public int trialS() {
            return 150;
        }

        @Override
        public int coolS() {
            return 120;
        }

        @Override
        public int stopS() {
            return 10;
        }

        @Override
        public String method() {
            return "temperature";
        }
    }

    /** Just above 0: a duty of 0 stops the fan under every hypothesis. */
    private static final double NEARLY_ZERO = 1e-9;

    private Stiction() {
    }

    /** The duty that starts a stopped fan: bisection of (0, 1]. */
    static Bracket start(TuneSession session, Judge judge, int iterations, double marginC, TuneProgress progress)
            throws TuneAborted {
        double low = 0;
        double high = 1;
        for (int i = 0; i < iterations; i++) {
            double duty = (low + high) / 2;
            session.hold(1, judge.coolS(), marginC);
            session.hold(0, judge.stopS(), marginC);
            int from = session.now();
            session.hold(duty, judge.trialS(), marginC);
            boolean started = judge.turning(session, from,
                    new Hypotheses(duty, NEARLY_ZERO, Math.min(1, duty + NEARLY_ZERO), NEARLY_ZERO));
            progress.step(session, "start trial", duty, started ? "turns" : "stays stopped");
            if (started) {
                high = duty;
            } else {
                low = duty;
            }
        }
        return new Bracket(low, high);
    }

    /**
     * The duty below which a turning fan stops: bisection of (0, start], since a duty that starts
     * the fan also keeps it turning.
     */
    static Bracket stop(TuneSession session, Judge judge, int iterations, double start, double marginC,
            TuneProgress progress) throws TuneAborted {
        double low = 0;
        double high = start;
        for (int i = 0; i < iterations; i++) {
            double duty = (low + high) / 2;
            session.hold(1, judge.coolS(), marginC);
            int from = session.now();
            session.hold(duty, judge.trialS(), marginC);
            boolean turning = judge.turning(session, from,
                    new Hypotheses(start, duty, start, Math.min(start, duty + NEARLY_ZERO)));
            progress.step(session, "stop trial", duty, turning ? "keeps turning" : "stops");
            if (turning) {
                high = duty;
            } else {
                low = duty;
            }
        }
        return new Bracket(low, high);
    }
}
