package dev.pifan.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.OptionalDouble;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReloadMetricsTest {

    private final AtomicLong now = new AtomicLong();
    private final Telemetry telemetry = Telemetry.create(Snapshots.NODE, now::get);

    private Scraped scrape() {
        return Scraped.of(Telemetry.text(telemetry.registry()));
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

    @Test
    void theCriticalAndCeilingTemperaturesFollowAReloadAndAnOffCeilingHasNoSeries() {
        assertEquals(80.0, scrape().value("pifan_critical_temperature_celsius"));
        assertFalse(scrape().has("pifan_ceiling_temperature_celsius"), "NODE has no ceiling guard");
        NodeInfo.Curve c = Snapshots.NODE.curve();
        telemetry.reconfigure("a.yaml", Duration.ofSeconds(1),
                new NodeInfo.Curve(c.points(), c.hysteresisC(), 85, OptionalDouble.of(65)));
        assertEquals(85.0, scrape().value("pifan_critical_temperature_celsius"));
        assertEquals(65.0, scrape().value("pifan_ceiling_temperature_celsius"));
        telemetry.reconfigure("a.yaml", Duration.ofSeconds(1),
                new NodeInfo.Curve(c.points(), c.hysteresisC(), 85, OptionalDouble.of(62.5)));
        assertEquals(62.5, scrape().value("pifan_ceiling_temperature_celsius"));
        telemetry.reconfigure("b.yaml", Duration.ofSeconds(1), c);
        assertFalse(scrape().has("pifan_ceiling_temperature_celsius"), "ceiling off again");
    }
}
