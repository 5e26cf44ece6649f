/**
 * The Keck Observatory instruments as {@link org.drpkit.core.instrument.InstrumentPlugin}s: DEIMOS, ESI, the
 * guiders, HIRES, KCWI, KPF, LRIS, MOSFIRE, NIRC2, NIRES, NIRSPEC and OSIRIS, one class each on the shared
 * {@link org.drpkit.instruments.keck.KeckInstrument}. Archive policy lives in {@code keck.koa}, header helpers in
 * {@code keck.common}, outside services in {@code keck.service}.
 */
package org.drpkit.instruments.keck;
