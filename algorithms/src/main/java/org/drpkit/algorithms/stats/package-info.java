/**
 * Robust statistics shared by the stages: in-place selection ({@link org.drpkit.algorithms.stats.Select}) and
 * medians, type-7 quantiles, IQR sigma and MAD ({@link org.drpkit.algorithms.stats.RobustStats}), and exact
 * polynomial composition ({@link org.drpkit.algorithms.stats.Polynomials}). No I/O.
 */
package org.drpkit.algorithms.stats;
