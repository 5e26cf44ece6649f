/**
 * Emission-line lists as data ({@link org.drpkit.core.lines.LineList}): arc lamps, Fabry-Perot combs and night-sky
 * lines, vacuum wavelengths in Angstrom with relative intensities. Parsing the APOGEE line-list files is in io-fits
 * ({@code LineListFiles}); the simulator ({@code org.drpkit.algorithms.sim}) turns a list into fibre light.
 */
package org.drpkit.core.lines;
