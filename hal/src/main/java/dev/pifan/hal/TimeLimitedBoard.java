package dev.pifan.hal;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A board whose every read and write answers within a time limit, so that a hanging source
 * (vcgencmd on a busy firmware, an I2C bus held low, NFS-like sysfs) cannot stall the control loop.
 *
 * <p>Each source gets one worker thread. A call that does not finish in time fails with a
 * {@link HalException.Kind#TIMEOUT}; the hung call is left to finish on its worker, and until it
 * does, further calls to that source fail at once instead of piling up threads behind it.
 */
public final class TimeLimitedBoard implements Board {

    private final Board board;
    private final long timeoutNanos;
    private final Worker temperatureWorker = new Worker("temperature");
    private final Worker throttleWorker = new Worker("throttle");
    private final Worker fanWorker = new Worker("fan");
    private final TemperatureSensor temperature;
    private final ThrottleSensor throttle;
    private final Fan fan;

    public TimeLimitedBoard(Board board, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("read time-out " + timeout + " must be positive");
        }
        this.board = board;
        this.timeoutNanos = timeout.toNanos();
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

    @Override
    public void close() throws HalException {
        temperatureWorker.shutdown();
        throttleWorker.shutdown();
        fanWorker.shutdown();
        board.close();
    }

    /** A single-thread executor that refuses new work while a call is still hanging on it. */
    private final class Worker {
        private final ExecutorService executor;
        private Future<?> pending;

        Worker(String name) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "pifan-" + name);
                thread.setDaemon(true);
                return thread;
            });
        }

        synchronized <T> T call(String id, String what, Callable<T> call) throws HalException {
            if (pending != null && !pending.isDone()) {
                throw new HalException(HalException.Kind.TIMEOUT,
                        id + ": the previous " + what + " has not answered yet");
            }
            Future<T> future = executor.submit(call);
            pending = future;
            try {
                return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new HalException(HalException.Kind.TIMEOUT,
                        id + ": no answer to " + what + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HalException hal) {
                    throw hal;
                }
                throw new HalException(HalException.Kind.IO_ERROR, id + ": " + what + " failed: " + e.getCause(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HalException(HalException.Kind.TIMEOUT, id + ": " + what + " interrupted");
            }
        }

        void shutdown() {
            executor.shutdownNow();
        }
    }

    private final class LimitedTemperature implements TemperatureSensor {
        private final TemperatureSensor sensor;

        LimitedTemperature(TemperatureSensor sensor) {
            this.sensor = sensor;
        }

        @Override
        public String id() {
            return sensor.id();
        }

        @Override
        public double readCelsius() throws HalException {
            return temperatureWorker.call(sensor.id(), "temperature read", sensor::readCelsius);
        }
    }

    private final class LimitedThrottle implements ThrottleSensor {
        private final ThrottleSensor sensor;

        LimitedThrottle(ThrottleSensor sensor) {
            this.sensor = sensor;
        }

        @Override
        public String id() {
            return sensor.id();
        }

        @Override
        public ThrottleFlags read() throws HalException {
            return throttleWorker.call(sensor.id(), "throttle flags read", sensor::read);
        }
    }

    private final class LimitedFan implements Fan {
        private final Fan fan;

        LimitedFan(Fan fan) {
            this.fan = fan;
        }

        @Override
        public String id() {
            return fan.id();
        }

        @Override
        public void apply(Duty duty) throws HalException {
            fanWorker.call(fan.id(), "write of " + duty, () -> {
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
            return fanWorker.call(fan.id(), "tachometer read", fan::readRpm);
        }

        @Override
        public boolean handBack() throws HalException {
            return fanWorker.call(fan.id(), "hand-back", fan::handBack);
        }
    }
}
