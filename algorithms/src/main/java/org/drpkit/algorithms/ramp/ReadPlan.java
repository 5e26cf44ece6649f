package org.drpkit.algorithms.ramp;

import java.util.Objects;

/**
 * Which reads of a ramp are fitted, and how.
 *
 * <p>Reads {@code firstRead .. lastRead} (0-based, inclusive) are used; their {@link #differences()} read
 * differences are fitted by the sample-up-the-ramp estimators ({@link Method#SUTR}) or by the double-correlated
 * difference of the end reads ({@link Method#DCS}).
 *
 * <pre>{@code
 * ReadPlan p = ReadSelection.plan(47, ReadSelection.Params.UPSTREAM);   // reads 2..46, SUTR, 44 differences
 * }</pre>
 *
 * @param totalReads reads in the exposure
 * @param firstRead  first read used, 0-based
 * @param lastRead   last read used, 0-based, inclusive
 * @param method     how the rate is formed
 */
public record ReadPlan(int totalReads, int firstRead, int lastRead, Method method) {

    /** How the rate is formed from the selected reads. */
    public enum Method {
        /** Sample up the ramp: every difference of the selected reads is fitted (GLS or Fixsen OLS). */
        SUTR,
        /** Double-correlated sampling: (last - first) / differences; for very short ramps. */
        DCS
    }

    /** Checks the indices. */
    public ReadPlan {
        Objects.requireNonNull(method, "method");
        if (firstRead < 0 || lastRead <= firstRead || lastRead >= totalReads) {
            throw new IllegalArgumentException("bad read range " + firstRead + ".." + lastRead + " of " + totalReads);
        }
    }

    /** @return the number of read differences fitted, {@code lastRead - firstRead} (upstream {@code ndiff_used}) */
    public int differences() {
        return lastRead - firstRead;
    }

    /** @return the number of reads used */
    public int readsUsed() {
        return lastRead - firstRead + 1;
    }

    /** @return e.g. {@code ReadPlan[SUTR, reads 2..46 of 47, 44 differences]} */
    @Override
    public String toString() {
        return "ReadPlan[" + method + ", reads " + firstRead + ".." + lastRead + " of " + totalReads + ", "
                + differences() + " differences]";
    }
}
