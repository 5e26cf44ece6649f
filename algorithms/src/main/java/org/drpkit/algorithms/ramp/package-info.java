/**
 * Up-the-ramp processing, 3D reads to a 2D rate (the APOGEE {@code ar2D} stage): each stage a pure function on
 * in-memory data, and {@link org.drpkit.algorithms.ramp.RampProcessor}, the streaming, parallel composition of all of
 * them on a {@link org.drpkit.core.image.RampSource}. No file I/O.
 *
 * <table>
 * <caption>Stages, in the order of the chain</caption>
 * <tr><th>stage</th><th>entry point</th><th>result</th></tr>
 * <tr><td>read selection, mid-exposure</td><td>{@link org.drpkit.algorithms.ramp.ReadSelection},
 *     {@link org.drpkit.algorithms.ramp.MidExposure}</td><td>{@link org.drpkit.algorithms.ramp.ReadPlan}, MJD</td></tr>
 * <tr><td>saturation</td><td>{@link org.drpkit.algorithms.ramp.Saturation}</td>
 *     <td>{@link org.drpkit.algorithms.ramp.SaturationResult}</td></tr>
 * <tr><td>zeropoint, row noise</td><td>{@code org.drpkit.algorithms.refcorr}</td><td>corrected reads</td></tr>
 * <tr><td>nonlinearity</td><td>{@link org.drpkit.algorithms.ramp.Nonlinearity}</td><td>linear reads</td></tr>
 * <tr><td>jumps</td><td>{@link org.drpkit.algorithms.ramp.JumpDetection}</td><td>flags per difference</td></tr>
 * <tr><td>slope fit</td><td>{@link org.drpkit.algorithms.ramp.RampFit}</td>
 *     <td>{@link org.drpkit.algorithms.ramp.RampResult}</td></tr>
 * <tr><td>all of them, streaming</td><td>{@link org.drpkit.algorithms.ramp.RampProcessor}</td>
 *     <td>{@link org.drpkit.algorithms.ramp.RampResult} and diagnostics</td></tr>
 * </table>
 *
 * <p>Every stage takes its data and an immutable parameter record, returns new arrays and says in its Javadoc
 * which arguments it modifies (none of the stages above modify their inputs). The streaming processor calls the
 * stages' row kernels (saturation, zeropoint levels by column segment, nonlinearity, row noise, jumps and the fit),
 * not copies of them. The two slope estimators are two kernels behind one package-private interface, picked from
 * {@link org.drpkit.algorithms.ramp.FitParams.Estimator}.
 *
 * <h2>Noise model and estimators</h2>
 * Differences of a constant-rate ramp have the tridiagonal covariance {@code C = s^2 tridiag(-1, 2 + phi, -1)},
 * {@code phi = f/(g s^2)} (rate f in DN/read, gain g in e-/DN, read variance s^2 in DN^2). GLS weights, their sums,
 * and the LDL' pivots depend on phi alone and are tabulated once per run on 32 cells per octave: a complete ramp is
 * a table dot product (exact GLS for the tabulated covariance: the kernel equals a dense EJML solution to 1e-9, see
 * the tests), its variance at the unrounded phi is O(1), and chi2 runs the pivots' recursion four pixels at a time.
 * Dropping differences (jumps, saturation, NaN) decouples their neighbours, so a masked ramp is a set of Toeplitz
 * segments solved with the same pivots (Thomas, no division). The Fixsen-weighted OLS of stcal is the second
 * estimator; its reported variance is the exact variance of the weighted estimator, not stcal's sum of two
 * uniform-weight formulas.
 *
 * <p>The covariance rate is the pixel's own fit ({@code SELF}, as upstream; pulls biased low by Stein's lemma where
 * photon and read noise are comparable, -0.08 at 0.3 DN/read for 44 differences) or its row neighbours' median
 * ({@code NEIGHBOURS}; centred pulls; a pixel more than 4 sigma from its neighbours, on a narrow line, takes its own). Jumps are tested against the predicted noise of one
 * difference from a robust rate (median of five group means), not upstream's IQR of a few differences.
 *
 * <h2>Upstream quirks fixed</h2>
 * DCS variance uses counts/gain (not gain/counts) and needs no 1e-9 floor; chi2 per degree of freedom uses
 * {@code used - 1}; the initial rate never includes saturated or jump differences; saturation is the first read over
 * the threshold (a forward scan), not the last under it; LASTDIFF counts differences for DCS too; zeropoint medians
 * are taken on differences from the first read (see {@code refcorr.ReferenceScan}).
 */
package org.drpkit.algorithms.ramp;
