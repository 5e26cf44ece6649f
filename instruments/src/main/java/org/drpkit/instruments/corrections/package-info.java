/**
 * Data-driven header corrections: keyword overrides per instrument and observation id, read from text files of
 * header cards (a user folder, then the class path) and applied once, with a marker card. Any plugin can use them
 * through {@link org.drpkit.instruments.corrections.Corrections#rule}.
 */
package org.drpkit.instruments.corrections;
