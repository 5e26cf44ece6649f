package org.drpkit.archive.almanac;

import java.util.List;
import java.util.Locale;

/**
 * What one {@link Almanac#index} run did: how many files it found under the roots, how many it read (new or changed
 * by size or modification time), how many it left alone and how many had gone, the entries it read, and where the
 * time went (reading the files, summed over threads; the database; the whole run).
 *
 * <pre>{@code
 * IndexResult r = almanac.index(List.of(root), IndexOptions.defaults());
 * r.toString();   // 17 files: 17 read (17 new, 0 changed), 0 unchanged, 0 gone; 0.42 s (reading 0.61 s ..., database 0.05 s)
 * }</pre>
 *
 * @param files         files found under the roots
 * @param added         files read that the almanac did not hold
 * @param changed       files read whose size or modification time had changed
 * @param unchanged     files left alone
 * @param gone          files the almanac held under the roots that are no longer there (now {@link FileState#GONE})
 * @param read          the entries read in this run, in path order
 * @param readNanos     time spent reading files (validator, headers, plugin, MD5), summed over the threads
 * @param databaseNanos time spent in the database (look-up and batched writes)
 * @param wallNanos     the whole run
 * @param threads       threads that read files
 */
public record IndexResult(int files, int added, int changed, int unchanged, int gone, List<AlmanacEntry> read,
        long readNanos, long databaseNanos, long wallNanos, int threads) {

    /** Copies the list. */
    public IndexResult {
        read = List.copyOf(read);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d files: %d read (%d new, %d changed), %d unchanged, %d gone; %.2f s "
                + "(reading %.2f s over %d threads, database %.2f s)", files, added + changed, added, changed, unchanged,
                gone, wallNanos / 1e9, readNanos / 1e9, threads, databaseNanos / 1e9);
    }
}
