package org.drpkit.archive.almanac;

import java.util.Objects;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.progress.ProgressListener;

/**
 * How {@link Almanac#index} reads raw files.
 *
 * <pre>{@code
 * IndexOptions o = IndexOptions.defaults().withThreads(2).withMd5(false);
 * }</pre>
 *
 * @param instruments the plugins that file the raw files
 * @param md5         compute each new or changed file's MD5 (reads the whole file; headers only without it)
 * @param threads     files read at once, at least 1
 * @param progress    told after each file read ({@code almanac}, done, total)
 */
public record IndexOptions(Instruments instruments, boolean md5, int threads, ProgressListener progress) {

    /** Checks the values. */
    public IndexOptions {
        Objects.requireNonNull(instruments, "instruments");
        Objects.requireNonNull(progress, "progress");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** @return the plugins on the class path, MD5 on, up to 4 threads (never more than the cores), no progress */
    public static IndexOptions defaults() {
        return new IndexOptions(Instruments.load(), true, Math.min(4, Runtime.getRuntime().availableProcessors()),
                ProgressListener.NONE);
    }

    /** @return these options with other plugins */
    public IndexOptions withInstruments(Instruments i) {
        return new IndexOptions(i, md5, threads, progress);
    }

    /** @return these options with the MD5 on or off */
    public IndexOptions withMd5(boolean on) {
        return new IndexOptions(instruments, on, threads, progress);
    }

    /** @return these options with another number of reading threads */
    public IndexOptions withThreads(int n) {
        return new IndexOptions(instruments, md5, n, progress);
    }

    /** @return these options with a progress listener */
    public IndexOptions withProgress(ProgressListener p) {
        return new IndexOptions(instruments, md5, threads, p);
    }
}
