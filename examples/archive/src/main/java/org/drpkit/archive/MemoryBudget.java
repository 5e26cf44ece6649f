package org.drpkit.archive;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How many files may be ingested at once, decided per file from the memory it needs and the heap, every time a worker
 * is about to start one (not once at start-up): a permit pool weighted by bytes. A file of {@code s} bytes is
 * estimated to need {@code perFile + perByte * s} bytes of heap while it is processed (its pixels as floats, the
 * preview, the statistics' work arrays, the copy buffers). It is admitted when
 *
 * <ul>
 * <li>the needs of the files admitted plus its own stay within the budget (a fraction of the maximum heap), and</li>
 * <li>the heap has that much free right now ({@code max - used}, read from {@link Heap}), so a heap already filled by
 *     something else admits fewer files;</li>
 * <li>or nothing else is admitted: one file always runs, however large (its own size guards refuse absurd ones), so
 *     the queue never stalls.</li>
 * </ul>
 *
 * A refused worker waits until a file finishes (or polls the heap again after a short wait) and asks again. Thread-safe.
 *
 * <pre>{@code
 * MemoryBudget budget = MemoryBudget.ofHeap(0.5);                  // half the maximum heap
 * try (MemoryBudget.Lease l = budget.acquire(Files.size(file), () -> false)) {
 *     // ingest the file
 * }
 * }</pre>
 */
public final class MemoryBudget {

    /** The heap as the budget sees it (injectable for tests). */
    public interface Heap {
        /** @return the maximum heap, bytes */
        long max();

        /** @return the heap in use now, bytes */
        long used();

        /** The running JVM's heap ({@link Runtime}). */
        Heap RUNTIME = new Heap() {
            @Override
            public long max() {
                return Runtime.getRuntime().maxMemory();
            }

            @Override
            public long used() {
                Runtime r = Runtime.getRuntime();
                return r.totalMemory() - r.freeMemory();
            }
        };
    }

    /** Estimated heap per file byte: its pixels as floats (4 bytes per 2-byte pixel at worst) and the preview. */
    public static final double PER_BYTE = 3.0;

    /** Estimated heap per file besides its pixels: copy buffers (1 MiB each), headers, tables. */
    public static final long PER_FILE = 8L << 20;

    private final long budget;
    private final double perByte;
    private final long perFile;
    private final Heap heap;
    private long inUse;
    private int admitted;

    /**
     * @param budget  the most bytes the files admitted at once may need together
     * @param perByte estimated heap bytes per file byte
     * @param perFile estimated heap bytes per file on top
     * @param heap    the heap whose free space is checked at each admission
     */
    public MemoryBudget(long budget, double perByte, long perFile, Heap heap) {
        if (budget < 1 || !(perByte >= 0) || perFile < 0) {
            throw new IllegalArgumentException("budget " + budget + ", perByte " + perByte + ", perFile " + perFile);
        }
        this.budget = budget;
        this.perByte = perByte;
        this.perFile = perFile;
        this.heap = Objects.requireNonNull(heap);
    }

    /** @return a budget of {@code fraction} of this JVM's maximum heap, with the default estimates */
    public static MemoryBudget ofHeap(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        return new MemoryBudget((long) (fraction * Heap.RUNTIME.max()), PER_BYTE, PER_FILE, Heap.RUNTIME);
    }

    /** @return the estimated heap a file of {@code fileBytes} needs while it is ingested */
    public long need(long fileBytes) {
        return perFile + (long) Math.ceil(perByte * Math.max(0, fileBytes));
    }

    /** Admitted files release their share by closing their lease (once; more closes do nothing). */
    public final class Lease implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Lease(long bytes) {
            this.bytes = bytes;
        }

        /** @return the bytes this lease holds */
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                if (closed) {
                    return;
                }
                closed = true;
                inUse -= bytes;
                admitted--;
                MemoryBudget.this.notifyAll();
            }
        }
    }

    /** @return a lease when the file can start now, else null */
    public synchronized Lease tryAcquire(long fileBytes) {
        long n = need(fileBytes);
        if (admitted > 0 && (inUse + n > budget || heap.max() - heap.used() < n)) {
            return null;
        }
        inUse += n;
        admitted++;
        return new Lease(n);
    }

    /**
     * Waits until the file can start.
     *
     * @param stop polled while waiting (every 100 ms at most); when it turns true, null is returned
     * @return the lease, or null when stopped
     * @throws InterruptedException when interrupted while waiting
     */
    public Lease acquire(long fileBytes, BooleanSupplier stop) throws InterruptedException {
        while (true) {
            synchronized (this) {
                Lease l = tryAcquire(fileBytes);
                if (l != null) {
                    return l;
                }
                if (stop.getAsBoolean()) {
                    return null;
                }
                TimeUnit.MILLISECONDS.timedWait(this, 100); // a release wakes us; the heap is polled again anyway
            }
        }
    }

    /** @return the files admitted now */
    public synchronized int admitted() {
        return admitted;
    }

    /** @return the bytes the files admitted now need together */
    public synchronized long inUse() {
        return inUse;
    }

    /** @return the budget, bytes */
    public long budget() {
        return budget;
    }

    @Override
    public synchronized String toString() {
        return "MemoryBudget[" + admitted + " files admitted, " + (inUse >> 20) + " of " + (budget >> 20)
                + " MiB, estimate " + (perFile >> 20) + " MiB + " + perByte + " x file size]";
    }
}
