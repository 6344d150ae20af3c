package nl.camiso.conformance.bench;

import java.util.Arrays;

/** Collects request latencies (nanoseconds) and reports percentiles in milliseconds. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** p in [0, 100]; nearest-rank. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    String summary() {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms",
                count(), percentileMillis(50), percentileMillis(95), percentileMillis(99));
    }
}
