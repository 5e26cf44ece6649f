/**
 * Where the archive's alerts go besides the log: {@link org.drpkit.archive.notify.MailNotifier} (SMTP) and
 * {@link org.drpkit.archive.notify.WebhookNotifier} (a chat webhook), both {@link org.drpkit.archive.Notifier}s
 * that log and count a failure instead of throwing it into the worker, with their waits bounded by a timeout;
 * {@link org.drpkit.archive.notify.Notifications} builds them from the configuration file and fans an alert out to
 * every target; {@link org.drpkit.archive.notify.NightDigest} is the daily summary of one night and
 * {@link org.drpkit.archive.notify.WatchdogAlerts} turns the watchdog's findings into alerts. Throttling stays in
 * {@link org.drpkit.archive.AlertThrottle}; nothing here decides what is worth an alert.
 *
 * <pre>{@code
 * Notifier out = Notifications.of(config.notifications()).notifier();
 * AlertThrottle alerts = new AlertThrottle(out, config.notifications().throttle(), Clock.systemUTC());
 * }</pre>
 */
package org.drpkit.archive.notify;
