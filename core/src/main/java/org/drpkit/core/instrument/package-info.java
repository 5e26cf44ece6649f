/**
 * The instrument service-provider interface: {@link org.drpkit.core.instrument.InstrumentPlugin}, its layout
 * types ({@link org.drpkit.core.instrument.ChipLayout}, {@link org.drpkit.core.instrument.Chip},
 * {@link org.drpkit.core.instrument.Amplifier}, {@link org.drpkit.core.instrument.Region}), header repair
 * ({@link org.drpkit.core.instrument.HeaderFixRule}, {@link org.drpkit.core.instrument.FixContext}) and the
 * {@link org.drpkit.core.instrument.Instruments} registry. Implementations live in the instruments module or in
 * third-party jars.
 */
package org.drpkit.core.instrument;
