package org.drpkit.archive;

import com.google.common.base.Throwables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.drpkit.algorithms.qa.HistogramEqualizer;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.AtomicFiles;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.Md5SumTable;

/**
 * One attempt at a level-1 or level-2 row (koa-dep 1.5, "Levels 1 and 2"): the archive id comes from the row, the
 * products go to {@code ROOT/INSTR/YYYYMMDD/lev{N}/}. A {@code DRP} row copies the pipeline's products that the
 * plugin names ({@code copy_drp_files}, {@link InstrumentPlugin#drpProduct}); an {@code RTI} row (the level-1 run
 * the ingest queued for a DEIMOS frame) makes the frame's preview from its level-0 file. Then the md5sum table
 * lists exactly the products of this attempt, the log is written, and the sizes are recorded
 * ({@code update_dep_stats}); the image type and program are the frame's level-0 row's.
 *
 * <p>The archive's copy skipped a product when the source was <em>newer</em> than an existing destination (koa-dep
 * Appendix A, Q24: inverted). Here a product is copied unless the destination already holds the same bytes (same size
 * and MD5), so a newer (or any changed) source always replaces it; each copy is written atomically, keeps its
 * source's modification time and is checked by MD5. Products an earlier attempt published that this attempt no
 * longer has are removed. Not thread-safe (one per attempt).
 */
final class LevelSteps {

    private final LedgerRow row;
    private final Ledger ledger;
    private final IngestContext ctx;
    private final BooleanSupplier cancelled;
    private final List<StatusEvent> events = new ArrayList<>();
    private String step = "start";
    private String koaid;
    private ArchiveId id;
    private Path dir;
    private String koaimtyp;
    private String semid;
    private Integer propint;
    private Double filesizeMb;
    private Double archsizeMb;
    private final List<Path> products = new ArrayList<>();
    /** The MD5 of each product, checked on the written copy (so the table needs no further pass). */
    private final Map<Path, String> digests = new java.util.HashMap<>();

    private LevelSteps(LedgerRow row, Ledger ledger, IngestContext ctx, BooleanSupplier cancelled) {
        this.row = row;
        this.ledger = ledger;
        this.ctx = ctx;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** A step decided the final state; its event is recorded. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Stop(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /**
     * Runs the level steps of a claimed (PROCESSING) row of level 1 or 2.
     *
     * @return PROCESSED with the products, or ERROR with the deciding code
     * @throws IngestCancelled when {@code cancelled} turned true between steps (nothing published is removed)
     */
    static IngestResult run(LedgerRow row, Ledger ledger, IngestContext ctx, BooleanSupplier cancelled) {
        return new LevelSteps(row, ledger, ctx, cancelled).run();
    }

    private IngestResult run() {
        try {
            steps();
            return result(ProcessingStatus.PROCESSED, null);
        } catch (Stop s) {
            return result(ProcessingStatus.ERROR, s.code);
        } catch (RuntimeException e) {
            if (e instanceof IngestCancelled) {
                throw e;
            }
            record(Severity.ERROR, IngestCode.CODE_ERROR.name(), Throwables.getStackTraceAsString(e));
            return result(ProcessingStatus.ERROR, IngestCode.CODE_ERROR.name());
        }
    }

    private void steps() throws Stop {
        enter("start");
        String service = row.attribute(ArchiveAttributes.SERVICE);
        record(Severity.INFO, IngestCode.STARTED.name(), "level " + row.level() + " attempt " + row.attempt()
                + " of " + row.archiveId() + " (service " + service + ") from " + source());
        archiveId();
        InstrumentPlugin plugin;
        try {
            plugin = ctx.instruments().require(row.instrument());
        } catch (DrpException e) {
            throw error(IngestCode.INSTRUMENT_UNKNOWN.name(), e.getMessage());
        }
        frameFacts();
        enter("products");
        Map<String, Path> wanted = ArchiveAttributes.SERVICE_RTI.equals(service) ? Map.of()
                : selectProducts(plugin);
        enter("copy");
        try {
            ProductPaths.createUnder(ctx.root(), dir);
            Set<String> previous = previousProducts();
            if (ArchiveAttributes.SERVICE_RTI.equals(service)) {
                preview();
            } else {
                copy(wanted);
            }
            enter("cleanup");
            Set<String> now = new HashSet<>();
            for (Path p : products) {
                now.add(DrpProducts.relative(dir, p));
            }
            for (String old : previous) {
                if (!now.contains(old)) {
                    Files.deleteIfExists(ProductPaths.nested(dir, old));
                    record(Severity.INFO, IngestCode.STEP.name(), "removed " + old + ", a product of an earlier "
                            + "attempt this one no longer has");
                }
            }
            enter("checksums");
            checksums();
        } catch (DrpException e) {
            throw error(e.code().name(), e.getMessage());
        } catch (IOException e) {
            throw error(IngestCode.WRITE_ERROR.name(), dir + ": " + e);
        }
        enter("publish");
        record(Severity.INFO, IngestCode.PROCESSED.name(), products.size() + " level-" + row.level()
                + " products and their md5sum table in " + dir);
        try {
            Path log = ProductPaths.product(dir, koaid + ".log");
            byte[] text = log();
            AtomicFiles.write(log, true, out -> out.write(text));
        } catch (DrpException e) {
            events.remove(events.size() - 1);
            throw error(IngestCode.WRITE_ERROR.name(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------- steps

    private Path source() {
        String s = row.attribute(ArchiveAttributes.STAGE_FILE);
        return Path.of(s != null ? s : row.ofname());
    }

    /** {@code set_koaid_by_level} and {@code init_processing2}: the id, the observation time, the folder. */
    private void archiveId() throws Stop {
        enter("archiveId");
        koaid = row.archiveId();
        try {
            if (koaid == null) {
                throw error(IngestCode.INVALID_KOAID.name(), "the level-" + row.level() + " row names no archive id");
            }
            id = ArchiveId.parse(koaid);
            dir = ProductPaths.level(ctx.root(), row.instrument(), id.date(), row.level());
        } catch (DrpException e) {
            throw error(IngestCode.INVALID_KOAID.name(), e.getMessage());
        }
    }

    /** The frame's image type, program and proprietary period, from its level-0 row when the ledger has one. */
    private void frameFacts() {
        try {
            Optional<LedgerRow> lev0 = DrpProducts.rowOf(ledger, koaid, 0);
            if (lev0.isPresent()) {
                koaimtyp = lev0.get().attribute(ArchiveAttributes.IMAGE_TYPE);
                semid = lev0.get().attribute(ArchiveAttributes.PROGRAM);
                propint = lev0.get().attribute(ArchiveAttributes.PROPRIETARY_MONTHS);
            } else {
                record(Severity.INFO, IngestCode.STEP.name(), "no level-0 row holds " + koaid
                        + ": no image type or program recorded");
            }
        } catch (DrpException e) {
            record(Severity.WARN, e.code().name(), "the frame's level-0 row: " + e.getMessage());
        }
    }

    /** {@code get_drp_files_list} and {@code get_drp_destfile}: destination (relative) to source. */
    private Map<String, Path> selectProducts(InstrumentPlugin plugin) throws Stop {
        Path folder = source();
        if (!Files.isDirectory(folder)) {
            throw error(IngestCode.DRP_FILES_MISSING.name(), folder + ": no such product folder");
        }
        List<Path> files;
        try {
            files = DrpProducts.list(folder);
        } catch (DrpException e) {
            throw error(IngestCode.DRP_FILES_MISSING.name(), e.getMessage());
        }
        Map<String, Path> wanted = new LinkedHashMap<>();
        for (Path f : files) {
            String rel = DrpProducts.relative(folder, f);
            Optional<String> dest = plugin.drpProduct(rel, koaid, row.level());
            if (dest.isEmpty()) {
                continue;
            }
            Path clash = wanted.put(dest.get(), f);
            if (clash != null) {
                throw error(IngestCode.FILE_COPY_ERROR.name(), "two products go to " + dest.get() + ": " + clash
                        + " and " + f);
            }
        }
        if (wanted.isEmpty()) {
            throw error(IngestCode.NO_DRP_FILES.name(), folder + " holds no level-" + row.level() + " product of "
                    + koaid + " (" + files.size() + " files looked at, " + row.instrument() + "'s rule)");
        }
        return wanted;
    }

    /** {@code copy_drp_files}, with the skip rule fixed: copy unless the destination holds the same bytes. */
    private void copy(Map<String, Path> wanted) throws DrpException, IOException {
        int copied = 0;
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            enter("copy");
            Path from = e.getValue();
            Path to = ProductPaths.nested(dir, e.getKey());
            ProductPaths.createUnder(ctx.root(), to.getParent());
            String md5 = md5(from);
            if (Files.isRegularFile(to) && Files.size(to) == Files.size(from) && Md5.hex(to).equals(md5)) {
                products.add(to);
                digests.put(to, md5);
                continue;
            }
            try {
                AtomicFiles.write(to, true, out -> Files.copy(from, out));
                Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
            } catch (DrpException | IOException x) {
                throw new DrpException(IngestCode.FILE_COPY_ERROR, Location.file(to.toString()),
                        "copying " + from + ": " + x.getMessage(), x);
            }
            if (!Md5.hex(to).equals(md5)) {
                Files.deleteIfExists(to);
                throw new DrpException(IngestCode.FILE_COPY_ERROR, Location.file(to.toString()),
                        "the copy's MD5 differs from " + from + " (copy removed)");
            }
            products.add(to);
            digests.put(to, md5);
            copied++;
        }
        record(Severity.INFO, IngestCode.DRP_COPIED.name(), copied + " of " + wanted.size() + " products copied from "
                + source() + ", " + (wanted.size() - copied) + " unchanged");
    }

    private static String md5(Path f) throws DrpException {
        try {
            return Md5.hex(f);
        } catch (DrpException e) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(f.toString()),
                    e.getMessage(), e);
        }
    }

    /** The RTI level-1 run: the frame's preview ({@code KOAID.png}) from its level-0 file's first image. */
    private void preview() throws DrpException, IOException {
        Path lev0 = source();
        if (!Files.isRegularFile(lev0)) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(lev0.toString()),
                    "the frame's level-0 file is gone");
        }
        Image image;
        try (FitsReader reader = FitsReader.open(lev0)) {
            HduInfo sci = Dqa.scienceHdu(reader.hdus(), 0);
            if (sci == null) {
                throw new DrpException(IngestCode.MAKE_PREVIEW_ERROR, Location.file(
                        lev0.toString()), "no image HDU to preview");
            }
            int nx = (int) sci.axis(1);
            int ny = (int) sci.axis(2);
            SizeGuard.requireWithin(4L * nx * ny, SizeGuard.defaultLimitBytes(),
                    Location.file(lev0.toString()).hdu(sci.index()));
            float[] px = new float[nx * ny];
            reader.readRows(sci, 0, 0, ny, px, 0);
            image = Image.wrap(px, 0, nx, ny);
            record(Severity.INFO, IngestCode.STEP.name(), "preview of HDU " + sci.index() + " (" + nx + "x" + ny
                    + ") of " + lev0.getFileName());
        }
        Path png = ProductPaths.product(dir, koaid + ".png");
        byte[] bytes = PreviewPng.encode(HistogramEqualizer.render(image, HistogramEqualizer.Params.DEFAULTS));
        AtomicFiles.write(png, true, out -> out.write(bytes));
        products.add(png);
    }

    /** Relative paths listed by the md5sum table an earlier attempt published, if any. */
    private Set<String> previousProducts() throws DrpException {
        Path table = ProductPaths.product(dir, koaid + ".md5sum.table");
        Set<String> out = new HashSet<>();
        if (Files.isRegularFile(table)) {
            for (Md5SumTable.Entry e : Md5SumTable.read(table).entries()) {
                out.add(e.path());
            }
        }
        return out;
    }

    /** {@code create_md5sum} and {@code update_dep_stats}: exactly this attempt's products, and their sizes. */
    private void checksums() throws DrpException, IOException {
        List<Md5SumTable.Entry> entries = new ArrayList<>();
        long all = 0;
        long fits = 0;
        for (Path p : products) {
            String rel = DrpProducts.relative(dir, p);
            String md5 = digests.get(p);
            entries.add(new Md5SumTable.Entry(md5 != null ? md5 : Md5.hex(p), rel));
            long size = Files.size(p);
            all += size;
            if (rel.matches(".*\\.fits(\\.gz|\\.fz)?")) {
                fits += size;
            }
        }
        byte[] table = Md5SumTable.of(entries).text().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(ProductPaths.product(dir, koaid + ".md5sum.table"), true, out -> out.write(table));
        filesizeMb = Math.round(fits / 1e6 * 1e4) / 1e4;
        archsizeMb = Math.round(all / 1e6 * 1e4) / 1e4;
    }

    private byte[] log() {
        StringBuilder sb = new StringBuilder();
        sb.append("# drpkit level-").append(row.level()).append(" ingest of ").append(koaid).append(", attempt ")
                .append(row.attempt()).append(", row ").append(row.id()).append('\n');
        sb.append("# source ").append(source()).append('\n');
        for (StatusEvent e : events) {
            sb.append(e.toString().replace('\n', ' ')).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private IngestResult result(ProcessingStatus status, String code) {
        LocalDateTime observed = id == null ? null : id.date().atStartOfDay().plusSeconds(id.seconds())
                .plusNanos(Math.max(0, id.hundredths()) * 10_000_000L);
        List<Path> published = new ArrayList<>(products);
        if (status == ProcessingStatus.PROCESSED) {
            published.add(dir.resolve(koaid + ".md5sum.table"));
            published.add(dir.resolve(koaid + ".log"));
        }
        return new IngestResult(source(), status, code, row.instrument(), koaid, observed, koaimtyp, semid, propint,
                dir, filesizeMb, archsizeMb, published, events);
    }

    private void enter(String name) {
        step = name;
        if (cancelled.getAsBoolean()) {
            throw new IngestCancelled(source().toString());
        }
        ctx.listener().step(source(), name);
    }

    private void record(Severity severity, String code, String text) {
        events.add(new StatusEvent(ctx.clock().instant(), severity, code, step, text));
    }

    private Stop error(String code, String text) {
        record(Severity.ERROR, code, text);
        return new Stop(code);
    }
}
