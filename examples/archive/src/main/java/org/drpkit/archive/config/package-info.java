/**
 * The archive service's configuration file ({@code drpkit.yaml}, YAML read with Jackson): folders, the ledger's
 * database, workers, delivery, notification targets, throttle and stuck limits, and per-instrument switches, in one
 * {@link org.drpkit.archive.config.ArchiveConfig}. Unknown keys and wrong types are a
 * {@link org.drpkit.core.error.DrpException} ({@link org.drpkit.archive.config.ConfigCode}) naming the file, the line
 * and the key. Passwords and keys are never in the file: it names the environment variables that hold them, read
 * into {@link org.drpkit.archive.config.Secret}s whose {@code toString} never shows a value. Command-line flags
 * override the file; that merge is the application's (the CLI's), not this package's.
 *
 * <pre>{@code
 * ArchiveConfig c = ArchiveConfig.load(Path.of("/etc/drpkit/drpkit.yaml"), System::getenv);
 * Path out = c.folders().out();
 * }</pre>
 */
package org.drpkit.archive.config;
