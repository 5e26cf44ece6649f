/**
 * The Keck Observatory Archive's policy, shared by every Keck plugin: the archive id formula with its hundredths
 * quirk ({@link org.drpkit.instruments.keck.koa.KoaId}), semesters, DATE-OBS/UTC repair, the program-resolution
 * chain and proprietary period, the common fix rules, the archive's error codes
 * ({@link org.drpkit.instruments.keck.koa.KeckErrorCode}) and the warnings kept with a fixed header
 * ({@link org.drpkit.instruments.keck.koa.KoaWarning}).
 */
package org.drpkit.instruments.keck.koa;
