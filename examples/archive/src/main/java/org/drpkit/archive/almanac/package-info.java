/**
 * The almanac: every raw file of the indexed folders tracked in an exposure table, whatever its state, and what a
 * night's reduction is built from. {@link org.drpkit.archive.almanac.Almanac} indexes folders incrementally into a
 * JDBC database (H2 by default) through the instrument plugins
 * ({@link org.drpkit.core.instrument.InstrumentPlugin#exposureFacts}: APOGEE files chip files under their
 * {@code ExposureKey}, Keck files under their archive id); {@link org.drpkit.archive.almanac.AlmanacEntry} is one file,
 * {@link org.drpkit.archive.almanac.Exposure} one exposure with its chips;
 * {@link org.drpkit.archive.almanac.AlmanacExport} writes CSV and FITS tables;
 * {@link org.drpkit.archive.almanac.Runlist#build} picks a night's darks, flats, arcs, FPI and science exposures under
 * {@link org.drpkit.archive.almanac.RunlistRules}, recording every exclusion with its reasons and honouring the
 * versioned {@link org.drpkit.archive.almanac.BadExposures} list; {@link org.drpkit.archive.almanac.SchemaDrift}
 * compares two nights' keyword schemas ({@link org.drpkit.archive.almanac.NightSchema});
 * {@link org.drpkit.archive.almanac.ExpectedProduct#of} derives the products a reduced night must hold from its runlists
 * ({@link org.drpkit.archive.almanac.ProductRules}) and {@link org.drpkit.archive.almanac.NightCheck} is the final QA
 * pass over them; {@link org.drpkit.archive.almanac.DropFlow} counts what entered and left each stage and why;
 * {@link org.drpkit.archive.almanac.FibreMap} and {@link org.drpkit.archive.almanac.FibreMaps} read plug/configuration
 * files and link them to exposures; {@link org.drpkit.archive.almanac.BadExposures#withOutcomes} adds a pipeline's
 * findings to the bad list; {@link org.drpkit.archive.almanac.NightQa} reads a night's QA values
 * ({@link org.drpkit.archive.almanac.QaMetric}: product-header keywords) and
 * {@link org.drpkit.archive.almanac.QaTrends} follows them across nights. Nothing here names an instrument class: the rules for an instrument are data
 * chosen by its name.
 */
package org.drpkit.archive.almanac;
