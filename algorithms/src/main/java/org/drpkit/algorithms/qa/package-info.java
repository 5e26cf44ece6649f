/**
 * Data-quality statistics and previews for archiving: the archive's image statistics
 * ({@link org.drpkit.algorithms.qa.ImageStatistics}: IMAGEMN, IMAGEMD, IMAGESD with the archive's 2-decimal
 * rounding, NPIXSAT, NLINEAR) and the histogram-equalised 8-bit preview
 * ({@link org.drpkit.algorithms.qa.HistogramEqualizer}); and a night's stability table
 * ({@link org.drpkit.algorithms.qa.NightQa}: per exposure the wavelength shift, flux scale, zero point, sky over the
 * field and LSF width, with the night's rms and ranges). Pure functions; encoding a preview as an image file or
 * writing a table is the caller's business.
 */
package org.drpkit.algorithms.qa;
