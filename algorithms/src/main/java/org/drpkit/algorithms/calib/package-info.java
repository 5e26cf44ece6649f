/**
 * 2D calibration of rate images: building dark-rate and pixel-flat calibrations from stacks of frames, applying
 * them to a rate image with inverse-variance propagation, and following bad-pixel masks over time.
 *
 * <p>Entry points: {@link org.drpkit.algorithms.calib.DarkStack} (robust dark rate and the dark bad-pixel mask),
 * {@link org.drpkit.algorithms.calib.FlatStack} (pixel response separated from a smooth illumination model, and
 * the low-response mask), {@link org.drpkit.algorithms.calib.Calibrate} (dark subtraction with its variance, flat
 * division, mask bits), {@link org.drpkit.algorithms.calib.MaskDiff} and
 * {@link org.drpkit.algorithms.calib.MaskHistory} (mask evolution by cause). Stacks are read in row bands through
 * {@link org.drpkit.algorithms.calib.FrameSource}, so memory does not grow with the number of frames when the
 * frames live in files. Everything here is pure: no file I/O, no globals, deterministic for any thread count.
 * Reading and writing calibration files is done by the callers (the {@code drpkit calib} command).
 */
package org.drpkit.algorithms.calib;
