package org.drpkit.algorithms.refcorr;

/**
 * What the row-noise correction did, for QA.
 *
 * @param rows          rows seen
 * @param corrected     rows with at least one sample (rows without any are left alone)
 * @param samples       reference and background pixels used, summed over rows
 * @param clipped       sample differences ignored as outliers
 * @param modelRms      rms of the subtracted model over ticks, differences and corrected rows, DN
 */
public record RowNoiseStats(long rows, long corrected, long samples, long clipped, double modelRms) {

    /** A mutable accumulator per worker; summed at the end. */
    static final class Counter {
        long rows;
        long corrected;
        long samples;
        long clipped;
        double sumSq;
        long terms;

        void add(Counter o) {
            rows += o.rows;
            corrected += o.corrected;
            samples += o.samples;
            clipped += o.clipped;
            sumSq += o.sumSq;
            terms += o.terms;
        }

        RowNoiseStats toStats() {
            return new RowNoiseStats(rows, corrected, samples, clipped, terms == 0 ? 0 : Math.sqrt(sumSq / terms));
        }
    }

    @Override
    public String toString() {
        return String.format(
                "RowNoiseStats[%d of %d rows corrected, %.1f samples per row, %d clipped, model rms %.3f DN]",
                corrected, rows, corrected == 0 ? 0.0 : (double) samples / corrected, clipped, modelRms);
    }
}
