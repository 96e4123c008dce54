package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeLimitedBoardTest {

    /**
     * A board whose temperature read hangs on a latch while one is set, whose temperature and
     * throttle reads throw what they are told to, and which records the threads its calls ran on.
     */
    private static final class ScriptedBoard implements Board {
        volatile CountDownLatch hang;
        volatile Throwable temperatureThrows;
        volatile HalException throttleThrows;
        final BlockingQueue<Thread> hungThreads = new LinkedBlockingQueue<>();
        final List<Thread> ranOn = new CopyOnWriteArrayList<>();
        final AtomicInteger temperatureReads = new AtomicInteger();
        volatile Duty applied;

        @Override
        public BoardModel model() {
            return BoardModel.UNKNOWN;
        }

        @Override
        public TemperatureSensor temperature() {
            return new TemperatureSensor() {
                @Override
                public String id() {
                    return "temp";
                }

                @Override
                public double readCelsius() throws HalException {
                    temperatureReads.incrementAndGet();
                    ranOn.add(Thread.currentThread());
                    Throwable t = temperatureThrows;
                    if (t instanceof HalException hal) {
                        throw hal;
                    } else if (t instanceof RuntimeException runtime) {
                        throw runtime;
                    } else if (t instanceof Error error) {
                        throw error;
                    }
                    CountDownLatch latch = hang;
                    if (latch != null) {
                        hungThreads.add(Thread.currentThread());
                        try {
                            latch.await();
                        } catch (InterruptedException e) {
                            throw new HalException(HalException.Kind.TIMEOUT, "temp: interrupted");
                        }
                    }
                    return 48.0;
                }
            };
        }

        @Override
        public ThrottleSensor throttle() {
            return new ThrottleSensor() {
                @Override
                public String id() {
                    return "flags";
                }

                @Override
                public ThrottleFlags read() throws HalException {
                    ranOn.add(Thread.currentThread());
                    HalException e = throttleThrows;
                    if (e != null) {
                        throw e;
                    }
                    return ThrottleFlags.NONE;
                }
            };
        }

        @Override
        public Fan fan() {
            return new Fan() {
                @Override
                public String id() {
                    return "fan";
                }

                @Override
                public void apply(Duty duty) {
                    ranOn.add(Thread.currentThread());
                    applied = duty;
                }

                @Override
                public boolean hasTachometer() {
                    return true;
                }

                @Override
                public OptionalInt readRpm() {
                    ranOn.add(Thread.currentThread());
                    return OptionalInt.of(1500);
                }

                @Override
                public FanOwner owner() {
                    return FanOwner.takenFromKernel("thermal_zone0 mode disabled");
                }

                @Override
                public long conflicts() {
                    return 7;
                }
            };
        }
    }

    private static final AtomicInteger BOARDS = new AtomicInteger();

    private final ScriptedBoard scripted = new ScriptedBoard();
    /** This test's own thread names, so that it counts only its own workers. */
    private final String prefix = "tlb-test-" + BOARDS.incrementAndGet();
    private final TimeLimitedBoard limited = new TimeLimitedBoard(scripted, Duration.ofMillis(100), prefix);

    @AfterEach
    void closeBoards() throws HalException {
        CountDownLatch hung = scripted.hang;
        if (hung != null) {
            hung.countDown();
        }
        limited.close();
    }

    /** The live worker threads of {@code limited}. */
    private List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix + "-") && t.isAlive())
                .toList();
    }

    /** Makes the next temperature read hang; returns the latch that releases it. */
    private CountDownLatch hangTemperature() {
        CountDownLatch release = new CountDownLatch(1);
        scripted.hang = release;
        return release;
    }

    /** Times a temperature read out and returns the worker left hanging in it. */
    private Thread timeOutTemperatureRead() throws InterruptedException {
        HalException e = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
        assertEquals(HalException.Kind.TIMEOUT, e.kind());
        assertEquals("temp: no answer to temperature read within 100 ms", e.getMessage());
        Thread hung = scripted.hungThreads.poll(5, TimeUnit.SECONDS);
        assertNotNull(hung, "the read reached the sensor");
        return hung;
    }

    /** Lets the hung read return and waits until its worker has ended. */
    private void release(CountDownLatch release, Thread hung) throws InterruptedException {
        scripted.hang = null;
        release.countDown();
        hung.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(hung.isAlive(), "the abandoned worker ended once its call returned");
    }

    @Test
    void aHangingReadTimesOutAndDoesNotPileUpThreads() throws Exception {
        CountDownLatch release = hangTemperature();
        Thread hung = timeOutTemperatureRead();

        // refused at once, not waited for: a wait would end in the timeout's message, not this one
        HalException second = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
        assertTrue(second.getMessage().contains("has not answered yet"), second.getMessage());
        assertEquals(1, scripted.temperatureReads.get(), "the second call never reached the hung sensor");

        assertEquals(1500, limited.fan().readRpm().getAsInt(), "other sources keep answering");

        release(release, hung);
        assertEquals(48.0, limited.temperature().readCelsius(), "reads work again once the hung one returned");
    }

    @Test
    void errorsOfTheSourcePassThroughWithTheirKind() {
        scripted.throttleThrows = new HalException(HalException.Kind.PERMISSION_DENIED, "flags: permission denied");
        HalException e = assertThrows(HalException.class, () -> limited.throttle().read());
        assertEquals(HalException.Kind.PERMISSION_DENIED, e.kind());
        assertEquals("flags: permission denied", e.getMessage());
    }

    @Test
    void aBugInASourceBecomesAnIoErrorNotACrash() {
        scripted.temperatureThrows = new IllegalStateException("driver bug");
        HalException e = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
        assertEquals(HalException.Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().contains("driver bug"), e.getMessage());
    }

    @Test
    void theCallsOfATickShareOneWorkerThread() throws Exception {
        for (int tick = 0; tick < 3; tick++) {
            assertEquals(48.0, limited.temperature().readCelsius());
            assertEquals(ThrottleFlags.NONE, limited.throttle().read());
            assertEquals(1500, limited.fan().readRpm().getAsInt());
            limited.fan().apply(Duty.ofPercent(40));
        }
        assertEquals(12, scripted.ranOn.size());
        Thread worker = scripted.ranOn.get(0);
        assertNotSame(Thread.currentThread(), worker, "the calls run on a worker, not on the caller");
        assertTrue(worker.isDaemon());
        assertEquals(prefix + "-1", worker.getName());
        assertTrue(scripted.ranOn.stream().allMatch(t -> t == worker), "one worker for every source: " + scripted.ranOn);
        assertEquals(List.of(worker), workers());
    }

    @Test
    void otherSourcesKeepAnsweringWhileOneHangs() throws Exception {
        CountDownLatch release = hangTemperature();
        Thread hung = timeOutTemperatureRead();

        limited.fan().apply(Duty.ofPercent(70));
        assertEquals(Duty.ofPercent(70), scripted.applied, "the fan write went through within the limit");
        assertEquals(ThrottleFlags.NONE, limited.throttle().read());
        assertEquals(1500, limited.fan().readRpm().getAsInt());
        Thread fresh = scripted.ranOn.get(scripted.ranOn.size() - 1);
        assertNotSame(hung, fresh, "a fresh worker, not the hung one");

        release(release, hung);
    }

    @Test
    void aHungSourceFailsFastUntilItsCallReturnsThenWorksAgain() throws Exception {
        CountDownLatch release = hangTemperature();
        Thread hung = timeOutTemperatureRead();

        for (int i = 0; i < 5; i++) {
            HalException e = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
            assertEquals(HalException.Kind.TIMEOUT, e.kind());
            assertEquals("temp: the previous temperature read has not answered yet", e.getMessage());
        }
        assertEquals(1, scripted.temperatureReads.get(), "the refused calls never reached the hung sensor");

        release(release, hung);
        assertEquals(48.0, limited.temperature().readCelsius(), "reads work again once the hung one returned");
        assertEquals(2, scripted.temperatureReads.get());
    }

    @Test
    void aSlowCallOfOneCallerDoesNotHoldUpAnotherCallersCall() throws Exception {
        try (TimeLimitedBoard patient = new TimeLimitedBoard(scripted, Duration.ofSeconds(30), prefix + "-patient")) {
            CountDownLatch release = hangTemperature();
            CompletableFuture<Double> slowRead = CompletableFuture.supplyAsync(() -> {
                try {
                    return patient.temperature().readCelsius();
                } catch (HalException e) {
                    throw new AssertionError(e);
                }
            });
            assertNotNull(scripted.hungThreads.poll(5, TimeUnit.SECONDS), "the slow read is under way");

            patient.fan().apply(Duty.ofPercent(55));
            assertEquals(Duty.ofPercent(55), scripted.applied);

            scripted.hang = null;
            release.countDown();
            assertEquals(48.0, slowRead.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatTheSourceThrowsComesBackAsItWas() throws Exception {
        HalException nack = new HalException(HalException.Kind.IO_ERROR, "temp: I2C NACK at 0x2f");
        scripted.temperatureThrows = nack;
        assertSame(nack, assertThrows(HalException.class, () -> limited.temperature().readCelsius()));

        IllegalStateException bug = new IllegalStateException("driver bug");
        scripted.temperatureThrows = bug;
        HalException wrapped = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
        assertEquals(HalException.Kind.IO_ERROR, wrapped.kind());
        assertEquals("temp: temperature read failed: java.lang.IllegalStateException: driver bug", wrapped.getMessage());
        assertSame(bug, wrapped.getCause());

        NoClassDefFoundError missing = new NoClassDefFoundError("com/pi4j/io/i2c/I2C");
        scripted.temperatureThrows = missing;
        HalException error = assertThrows(HalException.class, () -> limited.temperature().readCelsius());
        assertEquals(HalException.Kind.IO_ERROR, error.kind());
        assertSame(missing, error.getCause());

        scripted.temperatureThrows = null;
        assertEquals(48.0, limited.temperature().readCelsius(), "a failed call leaves the source usable");
    }

    @Test
    void manyTimeOutsOfOneSourceDoNotPileUpThreads() throws Exception {
        for (int round = 0; round < 10; round++) {
            CountDownLatch release = hangTemperature();
            Thread hung = timeOutTemperatureRead();
            for (int i = 0; i < 10; i++) {
                assertThrows(HalException.class, () -> limited.temperature().readCelsius());
                limited.fan().apply(Duty.ofPercent(30 + i));
                assertEquals(ThrottleFlags.NONE, limited.throttle().read());
                List<Thread> workers = workers();
                assertTrue(workers.size() <= 2, "round " + round + ": one hung worker and one answering: " + workers);
            }
            release(release, hung);
            assertEquals(1, workers().size(), "round " + round + ": " + workers());
        }
        assertEquals(10, scripted.temperatureReads.get(), "one read reached the sensor per time-out");
    }

    @Test
    void closeEndsTheWorkers() throws Exception {
        assertEquals(48.0, limited.temperature().readCelsius());
        hangTemperature();
        Thread hung = timeOutTemperatureRead();
        limited.fan().apply(Duty.ofPercent(50));
        List<Thread> workers = workers();
        assertEquals(2, workers.size(), workers.toString());
        assertTrue(workers.contains(hung));

        limited.close();

        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(worker.isAlive(), worker + " ended (the hung one interrupted)");
        }
        assertThrows(IllegalStateException.class, () -> limited.fan().apply(Duty.FULL), "no calls after close");
    }

    @Test
    void whoDrivesTheFanAndItsConflictsAreTheWrappedFansNotTheDefaults() {
        assertEquals(FanOwner.takenFromKernel("thermal_zone0 mode disabled"), limited.fan().owner());
        assertEquals(7, limited.fan().conflicts());
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new TimeLimitedBoard(scripted, Duration.ZERO));
    }
}
