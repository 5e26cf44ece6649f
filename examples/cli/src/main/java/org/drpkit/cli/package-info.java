/**
 * The {@code drpkit} command line: one picocli subcommand per task, each a thin composition of the library's
 * public API. Bad input exits with status 2 and a message naming file, HDU and keyword.
 */
package org.drpkit.cli;
