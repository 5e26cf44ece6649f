package org.drpkit.archive;

/**
 * The archive ingest of one raw file (the Keck archive's level-0 Data Evaluation and Processing), composed from
 * drpkit's stages:
 *
 * <ol>
 * <li>existence and size; the MD5 of the file;</li>
 * <li>validation ({@code FitsValidator}): findings in {@link IngestOptions#fatalFindings()} make the file INVALID
 *     with the validator's code, other errors are WARN events (the written copy repairs what it can);</li>
 * <li>plugin selection ({@code Instruments.forHeader}, HDU 1 of a tile-compressed file);</li>
 * <li>header fixes ({@code plugin.fix}, with the original path, modification time, every HDU's header, options and
 *     services); the plugin's warnings become WARN events; characters outside printable ASCII become {@code ?};</li>
 * <li>the archive id ({@code plugin.archiveId}; none: INVALID {@code NOT_ARCHIVED}), written as KOAID;</li>
 * <li>validity rules: rejected path parts ({@code FILEPATH_REJECT}); OFNAME against the original file name, a
 *     {@code _verN} stage copy counting by its original name ({@code MISMATCHED_FILENAME});</li>
 * <li>claiming the id: held by the same file (original name and MD5) elsewhere: INVALID {@code DUPLICATE_KOAID};
 *     held by another file: the next free hundredths of the same second, recorded in the header and a WARN event;</li>
 * <li>image type, semester and program (from the fixed header), PROPINT;</li>
 * <li>data quality: IMAGEMN/IMAGEMD/IMAGESD, NPIXSAT, NLINEAR ({@code ImageStatistics}); for HIRES, LRIS and
 *     DEIMOS NPIXSAT over every image extension, HIRES's IM01/PT01 box statistics, SIG2NOIS (HIRES, NIRC2, LRIS
 *     null);</li>
 * <li>outputs in {@code {root}/{INSTR}/{YYYYMMDD}/lev0/}: {@code KOAID.fits} (fixed header, data bytes unchanged),
 *     {@code KOAID.metadata.table} (from the instrument's keyword table, or the header's own columns when there is
 *     none; value warnings become WARN events), {@code KOAID.ext{N}.{EXTNAME}.tbl} where the plugin asks,
 *     {@code KOAID.png} (histogram-equalised) and {@code KOAID.jpg} (zscale + asinh, mosaics of multi-extension
 *     instruments) with their {@code .thumb} thumbnails, as {@link IngestOptions#previewFormats()} asks,
 *     {@code KOAID.md5sum.table}, and {@code KOAID.log} (every event and
 *     header fix). Products are staged, then published one atomic hard link at a time.</li>
 * </ol>
 *
 * <p>Every run ends PROCESSED, INVALID or ERROR (a bug escaping a step is ERROR {@code CODE_ERROR} with its stack
 * trace); warnings never change the outcome. A run that ends INVALID or ERROR after taking an id leaves only its log
 * in the product folder. Runs of different files may go on in parallel; one file's run is single-threaded.
 *
 * <pre>{@code
 * IngestContext ctx = IngestContext.builder(Path.of("/koadata")).build();
 * IngestResult r = Ingest.run(IngestRequest.of(file, new ArchiveIdRegistry().claimsFor(file.toString(), null)), ctx);
 * r.status();   // PROCESSED
 * }</pre>
 */
public final class Ingest {

    private Ingest() {
    }

    /**
     * Ingests one file.
     *
     * @return how the run ended, with its events and products
     * @throws IngestCancelled when {@link IngestRequest#cancelled()} turned true between two steps (nothing was
     *                         published)
     */
    public static IngestResult run(IngestRequest request, IngestContext context) {
        return new IngestRun(request, context).run();
    }
}
