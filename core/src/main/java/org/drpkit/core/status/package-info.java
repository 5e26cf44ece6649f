/**
 * The processing-status model any pipeline can use: {@link org.drpkit.core.status.ProcessingStatus} and its
 * transition table, and the {@link org.drpkit.core.status.Ledger} contract (rows per file version and level, typed
 * {@link org.drpkit.core.status.LedgerAttribute}s, events, history). No implementation lives here: the archive's
 * schema and its JDBC implementation are in {@code drpkit-archive} ({@code org.drpkit.archive.ledger}).
 */
package org.drpkit.core.status;
