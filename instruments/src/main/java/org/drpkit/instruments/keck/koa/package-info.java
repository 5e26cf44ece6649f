/**
 * The Keck Observatory Archive's policy, shared by every Keck plugin: the archive id formula with its hundredths
 * quirk ({@link org.drpkit.instruments.keck.koa.KoaId}), semesters, DATE-OBS/UTC repair, the program-resolution
 * chain and proprietary period, the common fix rules, the archive's error codes
 * ({@link org.drpkit.instruments.keck.koa.KeckErrorCode}) and the warning codes the fix rules raise
 * ({@link org.drpkit.instruments.keck.koa.KoaWarningCode}, carried as {@link org.drpkit.core.instrument.FixWarning}s
 * in the fix result).
 */
package org.drpkit.instruments.keck.koa;
