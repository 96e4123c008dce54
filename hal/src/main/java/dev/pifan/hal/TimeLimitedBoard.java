package dev.pifan.hal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A board whose every read and write answers within a time limit, so that a hanging source
 * (vcgencmd on a busy firmware, an I2C bus held low, NFS-like sysfs) cannot stall the control loop.
 *
 * <p>Each call runs on a worker thread while its caller waits up to the time limit. A call that
 * does not finish in time fails with a {@link HalException.Kind#TIMEOUT}; the hung call is left to
 * finish on its worker, and until it does, further calls to that source fail at once instead of
 * piling up threads behind it. The other sources go on, on another worker.
 *
 * <p>The workers are shared by all sources ({@link WorkerPool}), not one per source: a tick's
 * reads and write follow each other within microseconds, so the worker that answered one call is
 * still awake (it waits actively for a moment before it parks) when the next comes, and the
 * caller waits actively for the answer too. A tick then costs at most one thread wake-up where a
 * thread per source cost two per call (30-50 µs each on a VM, more than the tick itself). The pool
 * holds one worker while nothing hangs and one more per hung source (at most one hung call per
 * source), and one per concurrent caller if the board is used from several threads at once.
 */
public final class TimeLimitedBoard implements Board {

    private final Board board;
    private final long timeoutNanos;
    private final WorkerPool workers;
    private final TemperatureSensor temperature;
    private final ThrottleSensor throttle;
    private final Fan fan;

    public TimeLimitedBoard(Board board, Duration timeout) {
        this(board, timeout, "pifan-board");
    }

    /** With the workers named {@code threadNamePrefix-N}, so a test can count its own. */
    TimeLimitedBoard(Board board, Duration timeout, String threadNamePrefix) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("read time-out " + timeout + " must be positive");
        }
        this.board = board;
        this.timeoutNanos = timeout.toNanos();
        this.workers = new WorkerPool(threadNamePrefix);
        this.temperature = new LimitedTemperature(board.temperature());
        this.throttle = new LimitedThrottle(board.throttle());
        this.fan = new LimitedFan(board.fan());
    }

    @Override
    public BoardModel model() {
        return board.model();
    }

    @Override
    public TemperatureSensor temperature() {
        return temperature;
    }

    @Override
    public ThrottleSensor throttle() {
        return throttle;
    }

    @Override
    public Fan fan() {
        return fan;
    }

    /**
     * Stops the workers (a call still hanging is interrupted) and closes the board; a call made
     * after this throws an IllegalStateException.
     */
    @Override
    public void close() throws HalException {
        workers.close();
        board.close();
    }

    /** One source's calls: one at a time, and none while a call given up on still hangs. */
    private final class Source {
        private WorkerPool.Call<?> hung; // guarded by this

        synchronized <T> T call(String id, String what, Callable<T> task) throws HalException {
            if (hung != null && hung.isHanging()) {
                throw new HalException(HalException.Kind.TIMEOUT,
                        id + ": the previous " + what + " has not answered yet");
            }
            hung = null;
            WorkerPool.Call<T> call = workers.start(task);
            if (!call.await(timeoutNanos)) {
                hung = call;
                if (Thread.currentThread().isInterrupted()) {
                    throw new HalException(HalException.Kind.TIMEOUT, id + ": " + what + " interrupted");
                }
                throw new HalException(HalException.Kind.TIMEOUT,
                        id + ": no answer to " + what + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            Throwable failure = call.failure();
            if (failure instanceof HalException hal) {
                throw hal;
            }
            if (failure != null) {
                throw new HalException(HalException.Kind.IO_ERROR, id + ": " + what + " failed: " + failure, failure);
            }
            return call.value();
        }
    }

    private final class LimitedTemperature implements TemperatureSensor {
        private final TemperatureSensor sensor;
        private final Source source = new Source();

        LimitedTemperature(TemperatureSensor sensor) {
            this.sensor = sensor;
        }

        @Override
        public String id() {
            return sensor.id();
        }

        @Override
        public double readCelsius() throws HalException {
            return source.call(sensor.id(), "temperature read", sensor::readCelsius);
        }
    }

    private final class LimitedThrottle implements ThrottleSensor {
        private final ThrottleSensor sensor;
        private final Source source = new Source();

        LimitedThrottle(ThrottleSensor sensor) {
            this.sensor = sensor;
        }

        @Override
        public String id() {
            return sensor.id();
        }

        @Override
        public ThrottleFlags read() throws HalException {
            return source.call(sensor.id(), "throttle flags read", sensor::read);
        }
    }

    private final class LimitedFan implements Fan {
        private final Fan fan;
        private final Source source = new Source();

        LimitedFan(Fan fan) {
            this.fan = fan;
        }

        @Override
        public String id() {
            return fan.id();
        }

        @Override
        public void apply(Duty duty) throws HalException {
            source.call(fan.id(), "write of " + duty, () -> {
                fan.apply(duty);
                return null;
            });
        }

        @Override
        public boolean hasTachometer() {
            return fan.hasTachometer();
        }

        @Override
        public OptionalInt readRpm() throws HalException {
            return source.call(fan.id(), "tachometer read", fan::readRpm);
        }

        @Override
        public boolean handBack() throws HalException {
            return source.call(fan.id(), "hand-back", fan::handBack);
        }

        @Override
        public void yieldAtCritical() throws HalException {
            source.call(fan.id(), "hand-back at the critical trip", () -> {
                fan.yieldAtCritical();
                return null;
            });
        }

        @Override
        public java.util.OptionalDouble kernelCriticalC() {
            return fan.kernelCriticalC(); // read when the zones were taken: no device access
        }

        // these answer from what the fan already holds in memory: no device access to time-limit

        @Override
        public FanOwner owner() {
            return fan.owner();
        }

        @Override
        public Optional<Duty> driven() {
            return fan.driven();
        }

        @Override
        public long conflicts() {
            return fan.conflicts();
        }

        @Override
        public java.util.Optional<String> handedToKernel() {
            return fan.handedToKernel();
        }
    }
}
