/**
 * HTTP clients of the observatory's schedule and proposals services behind the instruments module's
 * {@code ScheduleService} and {@code ProposalService} (koa-dep sections 4.5, 4.6 and open items 13, 20, 21), with a
 * cache on disk ({@link org.drpkit.archive.services.ServiceCache}) and the archive's retry rule
 * ({@link org.drpkit.archive.HttpRetry}). Nothing here is used unless the configuration names the services' URLs:
 * offline stays the default.
 */
package org.drpkit.archive.services;
