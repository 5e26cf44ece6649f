/**
 * Fluxing: relative fluxing of every fibre and chip from fibre flats ({@link org.drpkit.algorithms.flux.RelativeFlux},
 * with {@code extract.FibreFlat}'s throughputs) and from the sky ({@link org.drpkit.algorithms.flux.SkyFlux}: the sky
 * fibres brought onto one flux scale, and an optional multiplicative term per fibre-connector stage that the sky
 * fibres of each connector block measure for all its fibres), one physical flux number per night from telluric
 * standards of known H magnitude ({@link org.drpkit.algorithms.flux.StandardFlux}), and the fibre-aperture against
 * PSF fluxing of sky fibres as a QA number ({@link org.drpkit.algorithms.flux.ApertureVsPsf}). Pure functions on
 * {@code Spectra}; no files and no fibre-map parsing (callers say which rows are sky and standards).
 */
package org.drpkit.algorithms.flux;
