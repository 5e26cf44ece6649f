/**
 * The archive's tables: the keyword definitions that drive metadata
 * ({@link org.drpkit.fits.table.KeywordTable}), IPAC fixed-width tables read and written byte for byte
 * ({@link org.drpkit.fits.table.IpacTable}), the metadata writer with the archive's value pipeline
 * ({@link org.drpkit.fits.table.MetadataWriter}, Python-compatible number formatting in
 * {@link org.drpkit.fits.table.PyFloat}), the comparison of metadata tables
 * ({@link org.drpkit.fits.table.MetadataCompare}), the md5sum table ({@link org.drpkit.fits.table.Md5SumTable}),
 * the extension metadata files of named table HDUs ({@link org.drpkit.fits.table.ExtensionTable}) and a keyword
 * table made from a header for instruments without archive definitions
 * ({@link org.drpkit.fits.table.HeaderKeywordTable}).
 * Warnings are returned as values; nothing here prints.
 */
package org.drpkit.fits.table;
