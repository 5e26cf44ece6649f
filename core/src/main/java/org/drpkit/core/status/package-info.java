/**
 * The archive processing-status model: {@link org.drpkit.core.status.ProcessingStatus} and its transition table.
 * The ledger interface and its JDBC implementation (java.sql only, no driver) live here too.
 */
package org.drpkit.core.status;
