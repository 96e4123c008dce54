package dev.pifan.telemetry;

import dev.pifan.control.Snapshot;
import dev.pifan.hal.ThrottleFlags;
import java.util.Arrays;

/**
 * What one tick's metrics update costs, printed (a figure, not a test: timing belongs in a
 * benchmark). Run from the built test classes:
 * {@code java -cp daemon/target/test-classes:daemon/target/classes:$(cat cp.txt) dev.pifan.telemetry.MetricsUpdateBench}
 * (the classpath as {@code mvn -pl daemon dependency:build-classpath} prints it).
 */
public final class MetricsUpdateBench {

    private MetricsUpdateBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        PifanMetrics metrics = new PifanMetrics(Telemetry.newRegistry(), Snapshots.NODE);
        Snapshots snapshots = new Snapshots();
        Snapshot[] ticks = new Snapshot[4];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = snapshots.flags(ThrottleFlags.of(i % 2 == 0 ? 0 : 0x50005)).next();
        }
        for (int i = 0; i < n; i++) { // warm up
            metrics.onTick(ticks[i % 4]);
        }
        long[] costs = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            metrics.onTick(ticks[i % 4]);
            costs[i] = System.nanoTime() - start;
        }
        Arrays.sort(costs);
        System.out.printf("metrics update over %d ticks: median %d ns, p99 %d ns, max %d ns%n", n, costs[n / 2],
                costs[n * 99 / 100], costs[n - 1]);
    }
}
