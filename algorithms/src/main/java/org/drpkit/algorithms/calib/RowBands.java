package org.drpkit.algorithms.calib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;

/**
 * Runs a row-band body over {@code [y0, y1)} on one or several threads. Each thread gets its own worker (and so its
 * own scratch); bands are handed out dynamically. Results must depend only on the band, never on which worker ran
 * it, which keeps the stages deterministic for any thread count.
 */
final class RowBands {

    /** Processes one band of rows with the worker's own scratch. */
    interface Worker {
        void band(int y0, int rows) throws DrpException;
    }

    private RowBands() {
    }

    /** @return rows per band so that a band holds about {@code pixels} pixels (at least one row) */
    static int rowsFor(int width, int pixels) {
        return Math.max(1, pixels / Math.max(1, width));
    }

    /** @return a compact masked image of {@code width x rows} zeros, scratch for {@link FrameSource#rows} */
    static MaskedImage scratch(int width, int rows) {
        return MaskedImage.of(Image.zeros(width, rows), Image.zeros(width, rows), Mask.zeros(width, rows));
    }

    /**
     * Reads rows of frame {@code k} with the caller's scratch for that frame, allocated on first use with
     * {@code bandRows} rows (a shorter last band uses a view of it).
     */
    static MaskedImage read(FrameSource frames, int k, int y0, int rows, MaskedImage[] scratch, int bandRows)
            throws DrpException {
        if (scratch[k] == null) {
            scratch[k] = scratch(frames.width(), bandRows);
        }
        MaskedImage s = rows == bandRows ? scratch[k] : scratch[k].rows(0, rows);
        MaskedImage b = frames.rows(k, y0, rows, s);
        if (b.width() != frames.width() || b.height() != rows) {
            throw new IllegalStateException(frames + " returned " + b.width() + "x" + b.height() + " for "
                    + frames.width() + "x" + rows + " rows");
        }
        return b;
    }

    /** @return the first rows of up to 8 bands spread evenly over {@code [y0, y1)}, for a pilot estimate */
    static int[] pilotBands(int y0, int y1, int bandRows) {
        int bands = (y1 - y0 + bandRows - 1) / bandRows;
        int n = Math.min(8, bands);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = y0 + (int) ((long) i * bands / n) * bandRows;
        }
        return out;
    }

    static void run(int y0, int y1, int bandRows, boolean parallel, Supplier<Worker> workers) throws DrpException {
        int bands = (y1 - y0 + bandRows - 1) / bandRows;
        int threads = parallel ? Math.min(bands, Runtime.getRuntime().availableProcessors()) : 1;
        AtomicInteger next = new AtomicInteger();
        if (threads <= 1) {
            drain(y0, y1, bandRows, bands, next, workers.get());
            return;
        }
        List<Future<?>> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Worker w = workers.get();
            helpers.add(ForkJoinPool.commonPool().submit(() -> {
                drain(y0, y1, bandRows, bands, next, w);
                return null;
            }));
        }
        DrpException failure = null;
        try {
            drain(y0, y1, bandRows, bands, next, workers.get());
        } catch (DrpException e) {
            failure = e;
        }
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stacking", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof DrpException d) {
                    failure = failure == null ? d : failure;
                } else if (c instanceof RuntimeException r) {
                    throw r;
                } else if (c instanceof Error err) {
                    throw err;
                } else {
                    throw new IllegalStateException(c);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(int y0, int y1, int bandRows, int bands, AtomicInteger next, Worker w)
            throws DrpException {
        try {
            for (int b = next.getAndIncrement(); b < bands; b = next.getAndIncrement()) {
                int start = y0 + b * bandRows;
                w.band(start, Math.min(bandRows, y1 - start));
            }
        } catch (DrpException | RuntimeException e) {
            next.set(bands); // the other workers stop after their current band
            throw e;
        }
    }
}
