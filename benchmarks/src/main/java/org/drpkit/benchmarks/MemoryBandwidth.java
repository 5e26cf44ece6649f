package org.drpkit.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bandwidth probe: every other benchmark reports its speed as a ratio to these numbers measured in
 * the same run. Each thread streams its own 256 MiB arrays, far beyond any cache.
 *
 * <ul>
 *   <li>{@code read}: sums an int array, 256 MiB read per op (the bound for a stage that reads its input once);
 *   <li>{@code copy}: {@code System.arraycopy} of 256 MiB, i.e. 512 MiB moved per op (read + write).
 * </ul>
 * GB/s = (MiB per op x 1.048576 / 1000) / (ms per op / 1000). Run with {@code -t 1} and {@code -t 2} for one and
 * two cores; with {@code -t 2} each thread streams its own arrays, so total bandwidth is twice the per-thread
 * figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class MemoryBandwidth {

    /** 256 MiB of ints. */
    static final int N = 1 << 26;

    int[] src;
    int[] dst;

    /** Allocates and touches the arrays so pages are mapped before measuring. */
    @Setup
    public void setup() {
        src = new int[N];
        dst = new int[N];
        for (int i = 0; i < N; i++) {
            src[i] = i;
        }
        Arrays.fill(dst, 1);
    }

    /** @return the (wrapping) sum of 256 MiB of ints: read bandwidth; a plain int reduction that C2 vectorizes */
    @Benchmark
    public int read() {
        int s = 0;
        int[] a = src;
        for (int i = 0; i < a.length; i++) {
            s += a[i];
        }
        return s;
    }

    /** Copies 256 MiB (copy bandwidth: 512 MiB moved). */
    @Benchmark
    public int[] copy() {
        System.arraycopy(src, 0, dst, 0, N);
        return dst;
    }
}
