package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReloadMetricsTest {

    private final AtomicLong now = new AtomicLong();
    private final Telemetry telemetry = Telemetry.create(Snapshots.NODE, now::get);

    private Scraped scrape() {
        return Scraped.of(telemetry.registry().scrape());
    }

    @Test
    void reloadsAreCountedByResultFromZero() {
        assertEquals(0.0, scrape().value("pifan_config_reloads_total{result=\"accepted\"}"));
        assertEquals(0.0, scrape().value("pifan_config_reloads_total{result=\"refused\"}"));
        telemetry.reloaded(false);
        telemetry.reloaded(false);
        telemetry.reloaded(true);
        assertEquals(1.0, scrape().value("pifan_config_reloads_total{result=\"accepted\"}"));
        assertEquals(2.0, scrape().value("pifan_config_reloads_total{result=\"refused\"}"));
    }
}
