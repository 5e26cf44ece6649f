package org.drpkit.archive;

import com.google.common.base.Throwables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.ErrorCode;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.image.Image;
import org.drpkit.core.instrument.ArchiveFacts;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsErrorCode;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.FitsRewrite;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.ExtensionTable;
import org.drpkit.fits.table.HeaderKeywordTable;
import org.drpkit.fits.table.KeywordTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.table.MetadataResult;
import org.drpkit.fits.table.MetadataValues;
import org.drpkit.fits.table.MetadataWarning;
import org.drpkit.fits.table.MetadataWriter;
import org.drpkit.fits.table.TableErrorCode;
import org.drpkit.fits.validate.Finding;
import org.drpkit.fits.validate.FindingSeverity;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidationCode;
import org.drpkit.fits.validate.ValidationReport;

/**
 * One ingest attempt of one file: the steps of {@link Ingest}, in order, each recording events. A step that decides
 * the final state throws {@link Stop}; anything else escaping is a bug, recorded as {@code CODE_ERROR}. Not
 * thread-safe (one per attempt).
 */
final class IngestRun {

    /** A step decided that the run ends INVALID or ERROR; its event is already recorded. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ProcessingStatus status;
        private final String code;

        Stop(ProcessingStatus status, String code) {
            super(code, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * The codes of failures of the system, never of the file being ingested: the ledger, the disk, the input
     * vanishing or becoming unreadable mid-run, the archive's own configuration (its keyword tables), an output path.
     */
    static final Set<ErrorCode> SYSTEM_FAULTS = Set.of(CoreErrorCode.LEDGER_UNAVAILABLE, CoreErrorCode.LEDGER_CONFLICT,
            CoreErrorCode.INSTRUMENT_AMBIGUOUS, FitsErrorCode.FITS_NOT_FOUND, FitsErrorCode.FITS_UNREADABLE,
            FitsErrorCode.WRITE_FAILED, FitsErrorCode.OUTPUT_EXISTS, TableErrorCode.KEYWORD_TABLE_INVALID,
            IngestCode.WRITE_ERROR, IngestCode.OUTPUT_OUTSIDE_ROOT);

    private final IngestRequest req;
    private final IngestContext ctx;
    private final Path file;
    private final List<StatusEvent> events = new ArrayList<>();
    private String step = "start";
    private String md5;
    private FitsReader reader;
    private List<HduInfo> hdus;
    private InstrumentPlugin plugin;
    private String instrument;
    private int hdu;
    private Header header;
    private ArchiveFacts facts = ArchiveFacts.NONE;
    private ArchiveId id;
    private String koaid;
    private LocalDateTime utDateTime;
    private String koaimtyp;
    private String semid;
    private Integer propint;
    private Path lev0;
    private Image preview;
    private List<ImageExtensions.Extension> extensions = List.of();
    private Staging staging;
    private Double filesizeMb;
    private Double archsizeMb;
    private List<Path> products = List.of();
    private String keywordTable;
    private List<Path> references = List.of();

    IngestRun(IngestRequest req, IngestContext ctx) {
        this.req = req;
        this.ctx = ctx;
        this.file = req.file();
    }

    IngestResult run() {
        boolean ended = false;
        try {
            steps();
            ended = true;
            return result(ProcessingStatus.PROCESSED, null);
        } catch (Stop s) {
            ended = true;
            return failed(s.status, s.code);
        } catch (RuntimeException e) {
            if (e instanceof IngestCancelled) {
                throw e;
            }
            ended = true;
            record(Severity.ERROR, IngestCode.CODE_ERROR.name(), stackTrace(e));
            return failed(ProcessingStatus.ERROR, IngestCode.CODE_ERROR.name());
        } finally {
            if (!ended && staging != null) {
                staging.discard(); // cancelled, or an Error escaping: nothing was published
            }
            if (reader != null) {
                reader.close();
            }
        }
    }

    private void steps() throws Stop {
        enter("start");
        long size = checkFile();
        record(Severity.INFO, IngestCode.STARTED.name(), "attempt " + req.attempt() + ", " + size + " bytes, md5 "
                + md5 + (req.originalPath().equals(file) ? "" : ", original " + req.originalPath()));
        validate();
        readHeaders();
        choosePlugin();
        fix();
        archiveId();
        validity();
        claim();
        references();
        describe();
        dqa();
        write();
        publish();
    }

    // ------------------------------------------------------------------------------------------------- the steps

    private long checkFile() throws Stop {
        if (!Files.exists(file)) {
            throw error(IngestCode.FITS_NOT_FOUND.name(), file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(IngestCode.NOT_A_FILE.name(), file + " is not a regular file");
        }
        try {
            long size = Files.size(file);
            md5 = req.md5() != null ? req.md5() : Md5.hex(file);
            return size;
        } catch (IOException | DrpException e) {
            throw invalid(ValidationCode.FILE_UNREADABLE.name(), file + ": " + e.getMessage());
        }
    }

    private void validate() throws Stop {
        enter("validate");
        ValidationReport v = FitsValidator.validate(file);
        Map<ValidationCode, List<Finding>> byCode = new LinkedHashMap<>();
        for (Finding f : v.findings()) {
            byCode.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<ValidationCode, List<Finding>> e : byCode.entrySet()) {
            if (ctx.options().fatalFindings().contains(e.getKey())) {
                throw invalid(e.getKey().name(), file + ": " + e.getValue().get(0) + more(v.findings().size() - 1));
            }
        }
        for (Map.Entry<ValidationCode, List<Finding>> e : byCode.entrySet()) {
            // errors the archive tolerates become warnings; the validator's warnings are kept for the record
            Severity s = e.getKey().severity() == FindingSeverity.ERROR ? Severity.WARN
                    : Severity.INFO;
            record(s, e.getKey().name(), e.getValue().get(0) + more(e.getValue().size() - 1));
        }
    }

    private void readHeaders() throws Stop {
        enter("read");
        try {
            reader = FitsReader.open(file);
            hdus = reader.hdus();
        } catch (DrpException e) {
            throw invalid(e.code().name(), e.getMessage());
        }
    }

    private void choosePlugin() throws Stop {
        enter("instrument");
        try {
            // a tile-compressed file keeps the original primary keywords in HDU 1 (ZIMAGE = T)
            Instruments.FileMatch m = ctx.instruments().forFile(hdus.stream().map(HduInfo::header).toList());
            plugin = m.plugin();
            hdu = m.hdu();
        } catch (DrpException e) {
            throw e.code() == CoreErrorCode.INSTRUMENT_UNKNOWN
                    ? invalid(IngestCode.INSTRUMENT_UNKNOWN.name(), e.getMessage())
                    : error(e.code().name(), e.getMessage());
        }
        instrument = plugin.name();
        if (!ctx.enabled(instrument)) {
            throw invalid(IngestCode.INSTRUMENT_DISABLED.name(), instrument + " is switched off in the service's"
                    + " configuration: its files are not archived");
        }
    }

    private void fix() throws Stop {
        enter("fix");
        List<Header> headers = new ArrayList<>();
        for (HduInfo h : hdus) {
            headers.add(h.header());
        }
        var fc = ctx.fixContext().path(req.originalPath()).hdus(headers);
        try {
            fc.fileModified(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            // no modification time: the rules that need one say so
        }
        List<FixWarning> warnings;
        try {
            FixResult fixed = plugin.fix(hdus.get(hdu).header(), fc.build());
            header = fixed.header();
            facts = fixed.facts();
            warnings = fixed.warnings();
        } catch (DrpException e) {
            throw e.code().isA(CoreErrorCode.HEADER_ORIGINAL_NAME_MISSING)
                    ? invalid(IngestCode.BAD_OFNAME.name(), e.getMessage()) : byFault(e, e.code().name());
        }
        for (FixWarning w : warnings) {
            record(Severity.WARN, w.code(), w.rule(), (w.keyword().isEmpty() ? "" : w.keyword() + ": ") + w.text());
        }
        header = PrintableHeader.of(header);
        record(Severity.INFO, IngestCode.STEP.name(), plugin.name() + " fixed HDU " + hdu + ": "
                + header.fixes().size() + " changes");
    }

    private void archiveId() throws Stop {
        enter("archiveId");
        Optional<ArchiveId> made;
        try {
            made = plugin.archiveId(header);
        } catch (DrpException e) {
            throw byFault(e, e.code().name());
        }
        if (made.isEmpty()) {
            throw invalid(IngestCode.NOT_ARCHIVED.name(), instrument + " files are not archived: the plugin gives"
                    + " no archive id");
        }
        id = made.get();
        if (header.getString("KOAID").isEmpty()) {
            header = header.toBuilder().fix("KOAID", id.fileName(), "drpkit: archive file name", "ingest.koaid")
                    .build();
        }
        utDateTime = id.date().atStartOfDay().plusSeconds(id.seconds())
                .plusNanos(Math.max(0, id.hundredths()) * 10_000_000L);
    }

    private void validity() throws Stop {
        enter("validity");
        String path = req.originalPath().toString();
        for (String part : ctx.options().rejectParts()) {
            if (!part.isEmpty() && path.contains(part)) {
                throw invalid(IngestCode.FILEPATH_REJECT.name(), path + " contains '" + part + "'");
            }
        }
        Optional<String> ofname = header.getString("OFNAME").map(String::trim).filter(s -> !s.isEmpty());
        String original = OriginalName.of(req.originalPath());
        if (ofname.isPresent() && !OriginalName.normalise(ofname.get()).equals(original)) {
            String text = "OFNAME " + ofname.get() + " != " + original;
            if (ctx.options().renamed() == Severity.INVALID) {
                throw invalid(IngestCode.MISMATCHED_FILENAME.name(), text);
            }
            record(Severity.WARN, IngestCode.MISMATCHED_FILENAME.name(), text + " (renamed files accepted)");
        }
    }

    private void claim() throws Stop {
        enter("claim");
        try {
            IdClaim.Outcome o = IdClaim.claim(id, req, ctx.root(), plugin, instrument, md5);
            if (o.duplicateOf() != null) {
                throw invalid(IngestCode.DUPLICATE_KOAID.name(), o.duplicateOf());
            }
            for (String repair : o.repairs()) {
                record(Severity.WARN, IngestCode.DUPLICATE_KOAID.name(), repair);
            }
            if (!o.id().equals(id)) {
                header = plugin.withArchiveId(header, o.id(), id + " was taken");
                id = o.id();
            }
            koaid = id.toString();
            lev0 = ProductPaths.lev0(ctx.root(), instrument, id.date());
        } catch (DrpException e) {
            throw byFault(e, e.code().name());
        }
        record(Severity.INFO, IngestCode.STEP.name(), "archive id " + koaid);
    }

    /** A DEIMOS science frame's FCS image: its archive id into the header, the file queued after this one. */
    private void references() {
        enter("fcs");
        FcsReference.Outcome o = FcsReference.apply(instrument, id, header, req, ctx, step);
        header = o.header();
        events.addAll(o.events());
        references = o.references();
    }

    private void describe() {
        koaimtyp = facts.imageType().orElse(null);
        Optional<String> semester = header.getString("SEMESTER").map(String::trim);
        Optional<String> progid = header.getString("PROGID").map(String::trim);
        semid = semester.isPresent() && progid.isPresent() ? semester.get() + "_" + progid.get() : null;
        propint = facts.proprietaryMonths().isPresent() ? facts.proprietaryMonths().getAsInt() : null;
    }

    private void dqa() {
        enter("dqa");
        try {
            Dqa.Outcome o = Dqa.run(reader, hdu, header, plugin);
            header = o.header();
            preview = o.preview();
            record(Severity.INFO, IngestCode.STEP.name(), o.note());
            extensionStatistics(o.statistics() != null ? o.preview() : null);
        } catch (DrpException e) {
            record(Severity.WARN, IngestCode.IMAGE_STATISTICS_ERROR.name(), e.getMessage());
        }
    }

    /** Statistics over the image extensions and SIG2NOIS ({@link ExtensionStatistics}); keeps the extensions. */
    private void extensionStatistics(Image own) throws DrpException {
        if (!plugin.traits(header).imageStatistics()) {
            return;
        }
        if (ImageExtensions.MOSAICS.contains(instrument)) {
            HduInfo read = preview == null ? null : Dqa.scienceHdu(hdus, hdu);
            extensions = ImageExtensions.read(reader, read == null ? -1 : read.index(), preview);
        }
        ExtensionStatistics.Outcome x = ExtensionStatistics.apply(instrument, header, hdus.size(), extensions, own,
                plugin.traits(header).saturationLevel());
        header = x.header();
        if (x.note() != null) {
            record(Severity.INFO, IngestCode.STEP.name(), x.note());
        }
    }

    private void write() throws Stop {
        enter("write");
        try {
            ProductPaths.createUnder(ctx.root(), lev0);
            if (req.claims().held().map(koaid::equals).orElse(false)) {
                ProductPaths.clearProducts(lev0, koaid); // an earlier attempt's products (reprocess, or a run killed mid-way)
            }
            staging = new Staging(lev0, ctx.options().fsync());
            FitsRewrite.Result rw;
            try (OutputStream out = staging.create(koaid + ".fits")) {
                rw = FitsRewrite.write(file, hdus, hdu, header, out);
            }
            if (rw.fillRepaired() > 0 || rw.droppedTrailingBytes() > 0) {
                record(Severity.INFO, IngestCode.STEP.name(), "written with standard fill (" + rw.fillRepaired()
                        + " data units repaired) and without " + rw.droppedTrailingBytes() + " trailing bytes");
            }
            filesizeMb = Math.round(rw.bytes() / 1e6 * 1e4) / 1e4;
            enter("metadata");
            metadata();
            enter("extensionTables");
            extensionTables();
            enter("preview");
            preview();
            enter("checksums");
            List<Md5SumTable.Entry> entries = new ArrayList<>();
            for (Staging.Product p : staging.products()) {
                entries.add(new Md5SumTable.Entry(p.md5(), p.name()));
            }
            staging.write(koaid + ".md5sum.table",
                    Md5SumTable.of(entries).text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long bytes = 0;
            for (Staging.Product p : staging.products()) {
                bytes += p.size();
            }
            archsizeMb = Math.round(bytes / 1e6 * 1e4) / 1e4;
        } catch (DrpException e) {
            throw byFault(e, e.code().name());
        } catch (IOException e) {
            throw error(IngestCode.WRITE_ERROR.name(), file + ": " + e);
        }
    }

    private void metadata() throws Stop {
        Header meta = header;
        MetadataValues values = MetadataValues.of(facts).with("FILESIZE_MB", filesizeMb);
        try {
            Optional<KeywordTable> table = ctx.keywordTables().forInstrument(instrument);
            MetadataResult m = MetadataWriter.of(table.orElseGet(() -> HeaderKeywordTable.of(meta, values)))
                    .write(meta, values);
            if (table.isEmpty()) {
                record(Severity.INFO, IngestCode.STEP.name(), "no keyword table for " + instrument
                        + ": metadata columns are the header's own (" + m.table().columns().size() + ")");
            } else {
                keywordTable = table.get().label();
                record(Severity.INFO, IngestCode.STEP.name(), "metadata columns from the keyword table "
                        + keywordTable + " (" + m.table().columns().size() + ")");
            }
            for (MetadataWarning w : m.warnings()) {
                record(Severity.WARN, w.code().name(), "metadata", w.keyword() + ": " + w.message());
            }
            staging.write(koaid + ".metadata.table", m.bytes());
        } catch (DrpException e) {
            throw byFault(e, IngestCode.METADATA_ERROR.name());
        }
    }

    private void extensionTables() throws DrpException {
        boolean any = false;
        for (HduInfo h : hdus) {
            any |= h.index() > 0 && h.extname().isPresent() && !h.isCompressedImage()
                    && h.xtension().filter(x -> x.equals("TABLE") || x.equals("BINTABLE")).isPresent();
        }
        if (!any || !plugin.traits(header).extensionTables()) {
            return;
        }
        try {
            for (ExtensionTable t : ExtensionTable.read(file)) {
                staging.write(t.fileName(koaid), t.bytes());
            }
        } catch (DrpException e) {
            record(Severity.WARN, IngestCode.EXT_HEADER_FILE_ERROR.name(), e.getMessage());
        }
    }

    private void preview() {
        if (preview == null && extensions.isEmpty()) {
            return;
        }
        try {
            org.drpkit.core.instrument.ChipLayout layout = null;
            if (!extensions.isEmpty()) {
                try {
                    layout = plugin.layout(hdus.stream().map(HduInfo::header).toList());
                } catch (DrpException e) {
                    layout = null; // the extensions' own DETSEC/DATASEC, else left to right
                }
            }
            for (Previews.Picture p : Previews.make(koaid, instrument, header, preview, extensions, layout,
                    ctx.options().previewFormats())) {
                staging.write(p.name(), p.bytes());
            }
        } catch (IOException | DrpException | RuntimeException e) {
            record(Severity.WARN, IngestCode.MAKE_PREVIEW_ERROR.name(), e.toString());
        } finally {
            extensions = List.of();
        }
    }

    private void publish() throws Stop {
        enter("publish");
        try {
            record(Severity.INFO, IngestCode.PROCESSED.name(), (staging.products().size() + 1) + " products in "
                    + lev0);
            staging.write(koaid + ".log", IngestLog.text(koaid, req, md5, events, header.fixes()));
            products = staging.publish();
        } catch (DrpException e) {
            events.remove(events.size() - 1);
            throw error(IngestCode.WRITE_ERROR.name(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------- the endings

    private IngestResult failed(ProcessingStatus status, String code) {
        if (staging != null) {
            staging.discard();
        }
        String k = koaid != null ? koaid : req.claims().held().orElse(null);
        String instr = instrument != null ? instrument : req.instrumentHint();
        if (k != null && instr != null) {
            try {
                Path dir = ProductPaths.lev0(ctx.root(), instr, ArchiveId.parse(k).date());
                ProductPaths.clearProducts(dir, k);
                Path log = ProductPaths.product(dir, k + ".log");
                byte[] text = IngestLog.text(k, req, md5, events, header == null ? List.of() : header.fixes());
                ProductPaths.createUnder(ctx.root(), dir);
                AtomicFiles.write(log, true, out -> out.write(text));
                products = List.of(log);
                lev0 = dir;
            } catch (DrpException e) {
                record(Severity.WARN, IngestCode.WRITE_ERROR.name(), "the log of the failed run: " + e.getMessage());
            }
        }
        return result(status, code);
    }

    private IngestResult result(ProcessingStatus status, String code) {
        return new IngestResult(req.originalPath(), status, code, instrument, koaid, utDateTime, koaimtyp, semid, propint, lev0,
                filesizeMb, archsizeMb, products, events, keywordTable,
                status == ProcessingStatus.PROCESSED ? references : List.of());
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void enter(String name) {
        step = name;
        if (req.cancelled().getAsBoolean()) {
            throw new IngestCancelled(file.toString());
        }
        ctx.listener().step(file, name);
    }

    private void record(Severity severity, String code, String text) {
        record(severity, code, step, text);
    }

    private void record(Severity severity, String code, String stepName, String text) {
        events.add(new StatusEvent(ctx.clock().instant(), severity, code, stepName, text));
    }

    private Stop invalid(String code, String text) {
        record(Severity.INVALID, code, text);
        return new Stop(ProcessingStatus.INVALID, code);
    }

    private Stop error(String code, String text) {
        record(Severity.ERROR, code, text);
        return new Stop(ProcessingStatus.ERROR, code);
    }

    /**
     * A step failed: INVALID with {@code code} when the file's own content made the step impossible (a header from
     * which no archive id, program or metadata can be made, data its header does not describe), ERROR when the
     * system failed (see {@link #SYSTEM_FAULTS}).
     */
    private Stop byFault(DrpException e, String code) {
        return SYSTEM_FAULTS.contains(e.code()) || SYSTEM_FAULTS.contains(e.code().kind())
                ? error(code, e.getMessage()) : invalid(code, e.getMessage());
    }

    private static String more(int n) {
        return n <= 0 ? "" : " (and " + n + " more)";
    }

    private static String stackTrace(Throwable e) {
        String t = Throwables.getStackTraceAsString(e);
        return t.length() > 3500 ? t.substring(0, 3500) + "..." : t;
    }
}
