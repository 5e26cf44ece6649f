/**
 * FITS to and from core types. This is the only package tree in drpkit that touches nom-tam-fits; everything
 * else sees {@link org.drpkit.core.header.Header}, {@link org.drpkit.core.image.Image} and friends.
 *
 * <p>Public entry points: {@link org.drpkit.fits.FitsHeaders} (headers and HDU layout),
 * {@link org.drpkit.fits.FitsReader} (images, masks, spectra, row blocks; plain or tile-compressed),
 * {@link org.drpkit.fits.FitsRamps} (streaming ramps in every layout, including apz),
 * {@link org.drpkit.fits.FitsWriter} (products, cubes, RICE_1 tile compression) and
 * {@link org.drpkit.fits.AtomicFiles}. Package-private pieces: the pixel codec, the tile table and tile codecs
 * (drpkit's own RICE_1 coder; GZIP through the JDK; HCOMPRESS_1 and PLIO_1 through nom-tam-fits), dithering, and
 * the writer's payloads. Validation, checksums and archive tables live in their own sub-packages.
 */
package org.drpkit.fits;
