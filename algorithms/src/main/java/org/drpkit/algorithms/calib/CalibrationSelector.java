package org.drpkit.algorithms.calib;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the calibration product (dark, flat) for an exposure from products valid over ranges of nights
 * (upstream {@code get_cal_path}), keeping how good the match is.
 *
 * <ol>
 *   <li>If periods cover the exposure's MJD ({@code start <= mjd <= end}), the one that starts last:
 *       {@link Match#COVERING}, as upstream.
 *   <li>Otherwise the <i>nearest</i> period in time, after or before ({@link Match#NEAREST_AFTER},
 *       {@link Match#NEAREST_BEFORE}; on a tie the later one). Upstream takes the furthest future period, or else the
 *       oldest of all, and loses the flag (an upstream quirk); here the choice is the closest, and the match and the distance
 *       in days travel with it.
 * </ol>
 *
 * <pre>{@code
 * var darks = List.of(new Period<>(60000, 60030, darkA), new Period<>(60100, 60130, darkB));
 * CalibrationSelector.select(darks, 60090).orElseThrow().match();   // NEAREST_AFTER: darkB, 10 days away
 * }</pre>
 */
public final class CalibrationSelector {

    private CalibrationSelector() {
    }

    /** How a chosen calibration relates to the exposure. */
    public enum Match {
        /** The calibration's period covers the exposure. */
        COVERING,
        /** No period covers it; the nearest period starts after it. */
        NEAREST_AFTER,
        /** No period covers it; the nearest period ends before it. */
        NEAREST_BEFORE
    }

    /**
     * A calibration product valid from {@code mjdStart} to {@code mjdEnd} (MJD, inclusive).
     *
     * @param mjdStart first night of validity, MJD
     * @param mjdEnd   last night of validity, MJD (at least {@code mjdStart})
     * @param product  the product, e.g. a path or a {@link DarkCalibration}
     * @param <T>      the product type
     */
    public record Period<T>(double mjdStart, double mjdEnd, T product) {

        /** Checks the range. */
        public Period {
            Objects.requireNonNull(product, "product");
            if (!(mjdEnd >= mjdStart)) {
                throw new IllegalArgumentException("period ends (" + mjdEnd + ") before it starts (" + mjdStart + ")");
            }
        }
    }

    /**
     * The chosen period.
     *
     * @param period   the period
     * @param match    how it relates to the exposure
     * @param daysAway 0 when covering, else days between the exposure and the period's nearest end
     * @param <T>      the product type
     */
    public record Choice<T>(Period<T> period, Match match, double daysAway) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Choice[%s, %.1f days away, %s]", match, daysAway, period);
        }
    }

    /**
     * @param periods candidate products
     * @param mjd     the exposure's MJD
     * @return the covering period that starts last, else the nearest one; empty when there is no candidate
     */
    public static <T> Optional<Choice<T>> select(List<Period<T>> periods, double mjd) {
        Period<T> covering = null;
        Period<T> nearest = null;
        double best = Double.POSITIVE_INFINITY;
        boolean after = false;
        for (Period<T> p : periods) {
            if (p.mjdStart() <= mjd && mjd <= p.mjdEnd()) {
                if (covering == null || p.mjdStart() >= covering.mjdStart()) {
                    covering = p;
                }
                continue;
            }
            boolean isAfter = p.mjdStart() > mjd;
            double d = isAfter ? p.mjdStart() - mjd : mjd - p.mjdEnd();
            if (d < best || (d == best && isAfter && !after)) {
                best = d;
                nearest = p;
                after = isAfter;
            }
        }
        if (covering != null) {
            return Optional.of(new Choice<>(covering, Match.COVERING, 0));
        }
        if (nearest == null) {
            return Optional.empty();
        }
        return Optional.of(new Choice<>(nearest, after ? Match.NEAREST_AFTER : Match.NEAREST_BEFORE, best));
    }
}
