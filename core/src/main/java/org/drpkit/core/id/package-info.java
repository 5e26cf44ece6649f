/**
 * Identifiers: {@link org.drpkit.core.id.ExposureKey} for APOGEE products and
 * {@link org.drpkit.core.id.ArchiveId} (dated archive ids) for archive products. Instrument-specific rules for
 * making them from headers live in the instruments module.
 */
package org.drpkit.core.id;
