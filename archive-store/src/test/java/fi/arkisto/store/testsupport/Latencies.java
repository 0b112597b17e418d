package fi.arkisto.store.testsupport;

import java.util.Arrays;

/** The benchmarks' latency lines: p50 and p99 of a path, and its ratios to the raw baseline measured beside it. */
public final class Latencies {

    private Latencies() {
    }

    /** Prints one line: the path's p50 and p99, and with a baseline its ratios and the goal p99 <= 3 x raw. */
    public static void report(String name, int width, long[] nanos, long[] baseline) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        if (baseline == null) {
            System.out.printf("%-" + width + "s p50 %7.2f ms  p99 %7.2f ms%n", name, p50, p99);
            return;
        }
        long[] base = baseline.clone();
        Arrays.sort(base);
        System.out.printf("%-" + width + "s p50 %7.2f ms  p99 %7.2f ms  (p50 %.2f x, p99 %.2f x raw; goal p99 <= 3 x)%n",
                name, p50, p99, p50 / percentile(base, 0.50), p99 / percentile(base, 0.99));
    }

    /** The q-quantile of sorted nanoseconds, in milliseconds (nearest rank). */
    public static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
