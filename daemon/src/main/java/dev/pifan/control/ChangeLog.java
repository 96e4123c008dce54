package dev.pifan.control;

import dev.pifan.hal.ThrottleCondition;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what changed, not every tick: a line when the duty or the reason changes, when
 * under-voltage starts or ends, and when a source starts or stops failing. A daemon that logs
 * every second fills a Pi's SD card and hides the line that matters. At debug level (asked for,
 * to see why), every tick too.
 */
public final class ChangeLog implements TickListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.pifan.control");
    private static final double DUTY_STEP = 0.005; // below half a percent is not a change worth a line

    private double lastDuty = Double.NaN;
    private Reason lastReason;
    private boolean underVoltage;
    private final Map<Snapshot.Source, String> failing = new HashMap<>();

    @Override
    public void onTick(Snapshot snapshot) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("tick {}: {}, throttled {}, fan {} ({}; the curve asks {}){}{}, {} us", snapshot.tick(),
                    snapshot.celsius().isPresent()
                            ? String.format(Locale.ROOT, "%.2f C", snapshot.celsius().getAsDouble()) : "no temperature",
                    snapshot.flags().toHex(), snapshot.duty(), snapshot.reason().label(),
                    snapshot.decision().curveDuty(), snapshot.applied() ? "" : ", NOT APPLIED",
                    snapshot.rpm().isPresent() ? ", " + snapshot.rpm().getAsInt() + " rpm" : "",
                    snapshot.costNanos() / 1000);
        }
        logSourceChanges(snapshot);
        boolean nowUnderVoltage = snapshot.flags().isActive(ThrottleCondition.UNDER_VOLTAGE);
        if (nowUnderVoltage != underVoltage) {
            underVoltage = nowUnderVoltage;
            if (nowUnderVoltage) {
                LOG.warn("under-voltage now (throttled={}): check the power supply or PoE budget; "
                        + "the fan is not sped up for it", snapshot.flags().toHex());
            } else {
                LOG.info("under-voltage over (throttled={})", snapshot.flags().toHex());
            }
        }
        double duty = snapshot.duty().ratio();
        Reason reason = snapshot.reason();
        if (reason != lastReason || !(Math.abs(duty - lastDuty) < DUTY_STEP)) {
            String temperature = snapshot.temperature("unknown");
            String detail = snapshot.decision().detail().isEmpty() ? "" : ": " + snapshot.decision().detail();
            if (reason.isSafety()) {
                LOG.warn("fan {} ({}), temperature {}{}", snapshot.duty(), reason.label(), temperature, detail);
            } else {
                LOG.info("fan {} ({}), temperature {}{}", snapshot.duty(), reason.label(), temperature, detail);
            }
            lastDuty = duty;
            lastReason = reason;
        }
    }

    private void logSourceChanges(Snapshot snapshot) {
        Map<Snapshot.Source, String> now = new HashMap<>();
        for (Snapshot.SourceError error : snapshot.errors()) {
            now.put(error.source(), error.message());
            if (!failing.containsKey(error.source())) {
                LOG.warn("{} {} failing: {}", label(error.source()), error.sourceId(), error.message());
            }
        }
        for (Snapshot.Source source : failing.keySet()) {
            if (!now.containsKey(source)) {
                LOG.info("{} recovered", label(source));
            }
        }
        failing.clear();
        failing.putAll(now);
    }

    private static String label(Snapshot.Source source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
