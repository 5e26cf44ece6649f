/**
 * Visit combination: a night's exposures of the same fibres, each already on the common log-uniform grid
 * ({@code algorithms.resample}), combined into one visit spectrum per fibre with outlier rejection between exposures
 * ({@link org.drpkit.algorithms.visit.VisitCombine}), then split into one spectrum per object carrying its target's
 * identity ({@link org.drpkit.algorithms.visit.VisitTarget}, {@link org.drpkit.algorithms.visit.ObjectVisit}). Pure
 * functions: no files (io-fits and the CLI write the per-object products), no fibre-map parsing (the almanac reads
 * fibre maps; callers turn a map's rows into {@code VisitTarget}s).
 */
package org.drpkit.algorithms.visit;
