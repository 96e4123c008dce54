package dev.pifan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReloadWorkerTest {

    @Test
    void requestsDuringAReloadAreFoldedIntoOneMore() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch letFirstEnd = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ReloadWorker worker = new ReloadWorker(() -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                firstRunning.countDown();
                await(letFirstEnd);
            } else {
                secondDone.countDown();
            }
        });
        worker.start();
        worker.request();
        assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 50; i++) {
            worker.request(); // a SIGHUP storm while the first reload runs
        }
        letFirstEnd.countDown();
        assertTrue(secondDone.await(10, TimeUnit.SECONDS));
        assertEquals(2, runs.get(), "fifty requests during a reload make one reload more, not fifty");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
