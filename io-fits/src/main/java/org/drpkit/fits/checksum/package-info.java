/**
 * FITS {@code DATASUM}/{@code CHECKSUM} (the 32-bit ones'-complement checksum convention) and MD5 digests of files.
 * {@link org.drpkit.fits.checksum.Checksum32} is the memory-speed kernel,
 * {@link org.drpkit.fits.checksum.ChecksumText} the ASCII encoding, {@link org.drpkit.fits.checksum.FitsChecksums}
 * verifies and writes the keywords of every HDU (rewriting header cards only; data bytes are copied, never
 * re-encoded), and {@link org.drpkit.fits.checksum.Md5} digests files. Archive md5sum tables are in
 * {@code org.drpkit.fits.table}.
 */
package org.drpkit.fits.checksum;
