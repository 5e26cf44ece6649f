/**
 * Data-quality statistics and previews for archiving: the archive's image statistics
 * ({@link org.drpkit.algorithms.qa.ImageStatistics}: IMAGEMN, IMAGEMD, IMAGESD with the archive's 2-decimal
 * rounding, NPIXSAT, NLINEAR) and the histogram-equalised 8-bit preview
 * ({@link org.drpkit.algorithms.qa.HistogramEqualizer}). Pure functions of pixels; encoding a preview as an image
 * file is the caller's business.
 */
package org.drpkit.algorithms.qa;
