/**
 * The archive ingest workflow, composed from the library's stages (the Keck archive's Data Evaluation and Processing,
 * rebuilt): {@link org.drpkit.examples.ingest.Ingest} takes one file through validation, instrument plugin, header
 * fixes, archive id, validity rules, data-quality statistics and atomic outputs; {@link
 * org.drpkit.examples.ingest.IngestService} runs it over a durable {@link org.drpkit.core.status.Ledger} with any
 * number of workers; {@link org.drpkit.examples.ingest.Monitor} watches folders and keeps the queue drained; {@link
 * org.drpkit.examples.ingest.NightReport} reconciles disk and ledger. Written only against public API, as the
 * reference other pipelines copy from.
 */
package org.drpkit.examples.ingest;
