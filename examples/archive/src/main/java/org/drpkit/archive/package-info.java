/**
 * The archive ingest service as a library ({@code drpkit-archive}): the Keck archive's Data Evaluation and
 * Processing rebuilt from drpkit's stages. Other pipelines depend on this artifact rather than copy it; it uses the
 * SLF4J API only, so the application chooses the logging backend and the JDBC driver.
 *
 * <p>The public surface:
 * <ul>
 *   <li>{@link org.drpkit.archive.IngestService}: queue files and drain the queue over a durable
 *       {@link org.drpkit.core.status.Ledger} ({@link org.drpkit.archive.ledger.JdbcLedger}) with any number of
 *       workers; {@link org.drpkit.archive.IngestContext} and {@link org.drpkit.archive.IngestOptions} configure it,
 *       {@link org.drpkit.archive.IngestResult} and {@link org.drpkit.archive.IngestCode} report.</li>
 *   <li>{@link org.drpkit.archive.Ingest}: one file through validation, instrument plugin, header fixes, archive id,
 *       validity rules, data-quality statistics and atomic outputs, without a ledger
 *       ({@link org.drpkit.archive.IngestRequest}, {@link org.drpkit.archive.ArchiveIdRegistry}).</li>
 *   <li>{@link org.drpkit.archive.Monitor}: watch folders and keep the queue drained, with throttled alerts
 *       ({@link org.drpkit.archive.AlertThrottle}, {@link org.drpkit.archive.Notifier}), each file started when a
 *       {@link org.drpkit.archive.MemoryBudget} admits it.</li>
 *   <li>{@link org.drpkit.archive.NightReport}: disk against ledger for one night;
 *       {@link org.drpkit.archive.Watchdog}: the whole ledger against the whole disk, for cron;
 *       {@link org.drpkit.archive.Transfer} and {@link org.drpkit.archive.LocalFolderTransfer} (rsync semantics):
 *       delivery, with {@link org.drpkit.archive.RejectedDelivery} saying which rejected files go too;
 *       {@link org.drpkit.archive.Delivery}, {@link org.drpkit.archive.DeliverySettings} and
 *       {@link org.drpkit.archive.IngestApi}: the copy, the night's {@code xfr.table} and the archive's ingest API
 *       call that makes a row COMPLETE;
 *       {@link org.drpkit.archive.ParallelGzip}: gzip on several cores for files on their way.</li>
 *   <li>{@link org.drpkit.archive.DrpProducts}: level-1 and level-2 products of data-reduction pipelines, queued as
 *       ledger rows of their level that the same workers copy into {@code lev{N}/} with their md5sum table and
 *       deliver (the archive's {@code copy_drp_files} and {@code monitor_drp}); a DEIMOS frame's level-1 run and its
 *       FCS reference image are queued after it.</li>
 *   <li>Data safety: every queued file is copied into the staging area ({@link
 *       org.drpkit.archive.IngestContext#stage()}, {@code _verN} for a new version of a path) and processed from the
 *       copy; INVALID files are kept with their log in {@link org.drpkit.archive.IngestContext#anc()}.</li>
 *   <li>Operations: {@link org.drpkit.archive.config.ArchiveConfig}, the service's YAML configuration file;
 *       {@link org.drpkit.archive.notify} sends alerts by e-mail and chat webhook and builds the night's digest.</li>
 *   <li>Program services and bookkeeping: {@link org.drpkit.archive.services} (HTTP clients of the schedule and
 *       proposals services, cached on disk), {@link org.drpkit.archive.HttpRetry} (the retry rule of every HTTP
 *       client), {@link org.drpkit.archive.ArchiveRecords} (the headers table and the PI notification after each file,
 *       {@link org.drpkit.archive.HeadersJson}, {@link org.drpkit.archive.PiNotifier},
 *       {@link org.drpkit.archive.RecordsCode}).</li>
 *   <li>{@link org.drpkit.archive.KeywordTables} and {@link org.drpkit.archive.FitsFiles}: the archive's keyword
 *       tables and which files the ingest takes.</li>
 *   <li>{@link org.drpkit.archive.ArchiveCompare}: the products of two archive trees compared with the archive's
 *       tolerances, into a {@link org.drpkit.archive.CompareResult} ({@link org.drpkit.archive.CompareCode} for
 *       roots that cannot be compared).</li>
 *   <li>Previews: {@link org.drpkit.archive.PreviewJpeg} (the archive's zscale + asinh JPEG),
 *       {@link org.drpkit.archive.PreviewPng} (histogram-equalised PNG), {@link org.drpkit.archive.PreviewFormat}
 *       (which the ingest writes).</li>
 * </ul>
 * Everything else here is package-private.
 *
 * <pre>{@code
 * try (Ledger ledger = JdbcLedger.open("jdbc:h2:file:/data/archive/ledger")) {
 *     IngestService service = new IngestService(ledger, IngestContext.builder(Path.of("/data/archive")).build(), null);
 *     service.enqueue(Path.of("/sdata/nirc2/n0051.fits"));
 *     service.drain(2, finished -> log.info("{}", finished), () -> false);   // log: an SLF4J Logger
 * }
 * }</pre>
 */
package org.drpkit.archive;
