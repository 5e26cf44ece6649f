/**
 * Small helpers the Keck plugins share to read headers: the archive's value semantics and Python-compatible
 * rounding ({@link org.drpkit.instruments.keck.common.Values}), sexagesimal angles, the dome-flat position, the
 * tangent-plane CD matrix and the TAN WCS block written for NIRC2 and KCWI
 * ({@link org.drpkit.instruments.keck.common.TanWcs}), and chip layouts from multi-extension DETSEC/DATASEC keywords. Nothing here knows about
 * archive policy (ids, programs, semesters); that lives in {@code org.drpkit.instruments.keck.koa}.
 */
package org.drpkit.instruments.keck.common;
