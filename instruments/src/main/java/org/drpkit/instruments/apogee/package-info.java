/**
 * APOGEE-N and APOGEE-S as an {@link org.drpkit.core.instrument.InstrumentPlugin}
 * ({@link org.drpkit.instruments.apogee.Apogee}): sites and chips, raw file names and their EXPSTR, exposure keys,
 * the names of every reduction product, fibre numbering, and the read timing of raw exposures.
 */
package org.drpkit.instruments.apogee;
