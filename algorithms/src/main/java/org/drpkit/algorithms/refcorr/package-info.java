/**
 * Reference-pixel corrections of H2RG reads: the per-read, per-amplifier zeropoint of the APOGEE scheme
 * ({@link org.drpkit.algorithms.refcorr.Zeropoint}, streaming as {@link org.drpkit.algorithms.refcorr.ReferenceScan})
 * and the NSClean-style removal of the 1/f noise all outputs share, from the reference output, the reference pixels
 * and optionally unilluminated pixels ({@link org.drpkit.algorithms.refcorr.RowNoiseCorrection}), aligned in
 * pixel-clock time by {@link org.drpkit.algorithms.refcorr.ReadoutClock} (amplifiers reading -x are flipped against
 * the reference output). Independent of {@code algorithms.ramp}; no file I/O.
 */
package org.drpkit.algorithms.refcorr;
