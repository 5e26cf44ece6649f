/**
 * The outside services Keck header fixes consult, as small interfaces with offline defaults: the telescope
 * schedule, the proposals database, weather, night staff, twilight (computed from the Sun when no service is
 * given), and pixel statistics. Callers put implementations in the {@link org.drpkit.core.instrument.FixContext};
 * drpkit ships no URL and makes no network call.
 */
package org.drpkit.instruments.keck.service;
