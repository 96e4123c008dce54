package dev.pifan.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeLimitedBoardTest {

    /** A board whose temperature read blocks until released, and counts its calls. */
    private static final class HangingBoard implements Board {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();
        volatile RuntimeException bug;

        @Override
        public BoardModel model() {
            return BoardModel.UNKNOWN;
        }

        @Override
        public TemperatureSensor temperature() {
            return new TemperatureSensor() {
                @Override
                public String id() {
                    return "hanging";
                }

                @Override
                public double readCelsius() throws HalException {
                    reads.incrementAndGet();
                    if (bug != null) {
                        throw bug;
                    }
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new HalException(HalException.Kind.TIMEOUT, "interrupted");
                    }
                    return 51.5;
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
                    throw new HalException(HalException.Kind.PERMISSION_DENIED, "flags: permission denied");
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
                }

                @Override
                public boolean hasTachometer() {
                    return true;
                }

                @Override
                public OptionalInt readRpm() {
                    return OptionalInt.of(1234);
                }
            };
        }
    }

    private final HangingBoard hanging = new HangingBoard();
    private final TimeLimitedBoard board = new TimeLimitedBoard(hanging, Duration.ofMillis(100));

    @Test
    void aHangingReadTimesOutAndDoesNotPileUpThreads() throws Exception {
        HalException first = assertThrows(HalException.class, () -> board.temperature().readCelsius());
        assertEquals(HalException.Kind.TIMEOUT, first.kind());
        assertTrue(first.getMessage().contains("hanging: no answer to temperature read within 100 ms"), first.getMessage());

        long start = System.nanoTime();
        HalException second = assertThrows(HalException.class, () -> board.temperature().readCelsius());
        assertTrue(second.getMessage().contains("has not answered yet"), second.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofMillis(100).toNanos(), "refused at once, not waited for");
        assertEquals(1, hanging.reads.get(), "the second call never reached the hung sensor");

        assertEquals(1234, board.fan().readRpm().getAsInt(), "other sources keep answering");

        hanging.release.countDown();
        double value = Double.NaN;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Double.isNaN(value) && System.nanoTime() < deadline) {
            try {
                value = board.temperature().readCelsius();
            } catch (HalException stillPending) {
                Thread.onSpinWait(); // the hung read is finishing on its worker
            }
        }
        assertEquals(51.5, value, "reads work again once the hung one returned");
    }

    @Test
    void errorsOfTheSourcePassThroughWithTheirKind() {
        HalException e = assertThrows(HalException.class, () -> board.throttle().read());
        assertEquals(HalException.Kind.PERMISSION_DENIED, e.kind());
        assertEquals("flags: permission denied", e.getMessage());
    }

    @Test
    void aBugInASourceBecomesAnIoErrorNotACrash() {
        hanging.bug = new IllegalStateException("driver bug");
        HalException e = assertThrows(HalException.class, () -> board.temperature().readCelsius());
        assertEquals(HalException.Kind.IO_ERROR, e.kind());
        assertTrue(e.getMessage().contains("driver bug"), e.getMessage());
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new TimeLimitedBoard(hanging, Duration.ZERO));
    }
}
