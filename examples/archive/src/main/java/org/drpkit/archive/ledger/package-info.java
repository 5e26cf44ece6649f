/**
 * The archive's processing ledger: {@link org.drpkit.archive.ledger.JdbcLedger}, the neutral
 * {@link org.drpkit.core.status.Ledger} contract over JDBC with the archive's schema, and the archive's typed
 * {@link org.drpkit.archive.ledger.ArchiveAttributes}. Package-private beside them, one job each: connections
 * (HikariCP, H2's durability settings), schema migrations, the table's columns and row mapping, and the shared SQL
 * pieces (WHERE clauses from queries, bound parameters).
 */
package org.drpkit.archive.ledger;
