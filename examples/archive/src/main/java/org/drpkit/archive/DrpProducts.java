package org.drpkit.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.id.ArchiveId;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerFields;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.Severity;
import org.drpkit.fits.checksum.Md5;

/**
 * Queues a data-reduction pipeline's products for the archive at level 1 (quick look) or 2 (science): the ingest
 * endpoint a pipeline calls when it has written a frame's products (koa-dep 7.4 item 7 and 8 item 12: pipelines are
 * producers, the ingest never waits for one). The row is level {@code N}, holds the frame's archive id, service
 * {@code DRP} and the product folder as its stage file; any worker of {@link IngestService} then copies the
 * products the instrument plugin names ({@link org.drpkit.core.instrument.InstrumentPlugin#drpProduct}) into
 * {@code ROOT/INSTR/YYYYMMDD/lev{N}/}, writes their md5sum table and delivers them (the archive's
 * {@code monitor_drp}).
 *
 * <p>One row per (level, archive id): queueing the same folder unchanged (the same files, sizes and modification
 * times: {@link #digest}) again changes nothing (an INFO event {@code DUPLICATE_FILE}); queueing it after it changed
 * (or another folder) queues the finished row again, as a reprocess with its history kept. A row still queued or
 * running is left alone.
 *
 * <pre>{@code
 * DrpProducts.Queued q = DrpProducts.queue(ledger, null, "N2.20170725.37273.00", 1, Path.of("/drp/nirc2/2017jul25"),
 *         Instant.now());   // the instrument is taken from the frame's level-0 row
 * }</pre>
 */
public final class DrpProducts {

    /** At most this many files are looked at in one product folder. */
    public static final int MAX_FILES = 100_000;

    private DrpProducts() {
    }

    /**
     * The outcome of queueing products.
     *
     * @param id       the ledger row
     * @param level    1 or 2
     * @param koaid    the frame's archive id
     * @param source   the product folder (or the level-0 file of a level-1 run)
     * @param action   what was done
     */
    public record Queued(long id, int level, String koaid, Path source, Action action) {
        @Override
        public String toString() {
            return "#" + id + " level " + level + " " + koaid + " " + action.name().toLowerCase(Locale.ROOT) + ": "
                    + source;
        }
    }

    /** What queueing did. */
    public enum Action {
        /** A new row was queued. */
        QUEUED,
        /** The finished row was queued again (its products changed): a reprocess. */
        REQUEUED,
        /** The same products were already queued or archived: nothing changed. */
        UNCHANGED,
        /** The row is queued or being processed now: nothing changed. */
        BUSY
    }

    /**
     * Queues a pipeline's product folder for a frame.
     *
     * @param instrument the instrument (upper case), or null to take the frame's level-0 row's
     * @param koaid      the frame's archive id, without {@code .fits}
     * @param level      1 or 2
     * @param folder     the folder the pipeline wrote (its products are chosen when the row is processed)
     * @throws DrpException {@code DRP_LEVEL_INVALID}, {@code INVALID_KOAID}, {@code DRP_FILES_MISSING} (no such
     *                      folder), {@code INSTRUMENT_UNKNOWN} (no instrument given and no level-0 row), or the
     *                      ledger's failure
     */
    public static Queued queue(Ledger ledger, String instrument, String koaid, int level, Path folder, Instant now)
            throws DrpException {
        if (level != 1 && level != 2) {
            throw new DrpException(IngestCode.DRP_LEVEL_INVALID, Location.file(String.valueOf(folder)),
                    "pipeline products are level 1 or 2, not " + level);
        }
        requireId(koaid, folder);
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(dir.toString()),
                    "no such product folder");
        }
        String instr = instrument != null ? instrument.toUpperCase(Locale.ROOT) : instrumentOf(ledger, koaid, dir);
        return queue(ledger, instr, koaid, level, dir, digest(dir), ArchiveAttributes.SERVICE_DRP, now);
    }

    /**
     * Queues the level-1 run of a frame just archived (the archive's {@code run_lev1}; the plugin asks for it with
     * {@link org.drpkit.core.instrument.InstrumentPlugin#queuesLevel1()}): service {@code RTI}, the level-0 FITS file
     * as its stage file. A reprocessed frame whose level-0 file changed queues its finished level-1 row again.
     *
     * <pre>{@code
     * DrpProducts.queueLevel1(ledger, "DEIMOS", "DE.20240101.12345.67", lev0.resolve("DE.20240101.12345.67.fits"), now);
     * }</pre>
     *
     * @throws DrpException {@code INVALID_KOAID}, {@code DRP_FILES_MISSING} (the file cannot be read), or the
     *                      ledger's failure
     */
    public static Queued queueLevel1(Ledger ledger, String instrument, String koaid, Path lev0File, Instant now)
            throws DrpException {
        requireId(koaid, lev0File);
        Path f = lev0File.toAbsolutePath().normalize();
        String md5;
        try {
            md5 = Md5.hex(f);
        } catch (DrpException e) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(f.toString()), e.getMessage(), e);
        }
        return queue(ledger, instrument, koaid, 1, f, md5, ArchiveAttributes.SERVICE_RTI, now);
    }

    private static Queued queue(Ledger ledger, String instrument, String koaid, int level, Path source, String digest,
            String service, Instant now) throws DrpException {
        Optional<LedgerRow> existing = rowOf(ledger, koaid, level);
        if (existing.isPresent()) {
            LedgerRow r = existing.get();
            if (!r.status().isFinal()) {
                ledger.appendEvent(r.id(), Severity.INFO, IngestCode.DUPLICATE_FILE.name(), "queue",
                        "products queued again while the row is " + r.status() + ": left alone (" + source + ")", now);
                return new Queued(r.id(), level, koaid, source, Action.BUSY);
            }
            String was = r.attribute(ArchiveAttributes.STAGE_FILE);
            if (digest.equals(r.fileMd5()) && source.toString().equals(was)) {
                ledger.appendEvent(r.id(), Severity.INFO, IngestCode.DUPLICATE_FILE.name(), "queue",
                        "the same products queued again: skipped (" + source + ")", now);
                return new Queued(r.id(), level, koaid, source, Action.UNCHANGED);
            }
            ledger.update(r.id(), r.status(), LedgerFields.none().with(ArchiveAttributes.STAGE_FILE, source.toString())
                    .with(ArchiveAttributes.SOURCE_MD5, digest), now);
            ledger.requeue(LedgerQuery.all().id(r.id()), now);
            ledger.appendEvent(r.id(), Severity.INFO, IngestCode.DRP_QUEUED.name(), "queue", "level " + level
                    + " products changed (folder digest " + digest + ", was " + r.fileMd5() + "): queued again from "
                    + source, now);
            return new Queued(r.id(), level, koaid, source, Action.REQUEUED);
        }
        Ledger.Enqueued e = ledger.enqueueUnique(level, instrument, source.toString(), digest, null,
                LedgerFields.none().archiveId(koaid).with(ArchiveAttributes.SERVICE, service)
                        .with(ArchiveAttributes.STAGE_FILE, source.toString()), now);
        ledger.appendEvent(e.id(), Severity.INFO, IngestCode.DRP_QUEUED.name(), "queue", "level " + level + " "
                + (ArchiveAttributes.SERVICE_RTI.equals(service) ? "run of the archived frame " : "products ")
                + "queued by " + service + " from " + source, now);
        return new Queued(e.id(), level, koaid, source, e.created() ? Action.QUEUED : Action.UNCHANGED);
    }

    /** @return the row of a frame at a level, if any */
    static Optional<LedgerRow> rowOf(Ledger ledger, String koaid, int level) throws DrpException {
        for (LedgerRow r : ledger.find(LedgerQuery.all().archiveId(koaid))) {
            if (r.level() == level) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static void requireId(String koaid, Path where) throws DrpException {
        if (koaid == null || !ArchiveId.isValid(koaid)) {
            throw new DrpException(IngestCode.INVALID_KOAID, Location.file(String.valueOf(where)),
                    "'" + koaid + "' is not an archive id PREFIX.YYYYMMDD.SSSSS.hh[_suffix]");
        }
    }

    private static String instrumentOf(Ledger ledger, String koaid, Path dir) throws DrpException {
        return rowOf(ledger, koaid, 0).map(LedgerRow::instrument).orElseThrow(() -> new DrpException(
                IngestCode.INSTRUMENT_UNKNOWN, Location.file(dir.toString()), "no level-0 row holds " + koaid
                        + ": name the instrument"));
    }

    /**
     * The digest of a product folder's state: MD5 over every regular file's relative path, size and modification
     * time, in path order (no file is read: queueing stays cheap however many frames' products share the folder).
     * A pipeline that rewrites a product changes its time; equal digests mean the folder is as it was queued. The
     * products themselves are checked by MD5 when they are copied.
     *
     * @throws DrpException {@code DRP_FILES_MISSING} when the folder cannot be read or holds more than
     *                      {@link #MAX_FILES} files
     */
    static String digest(Path dir) throws DrpException {
        List<Path> files = list(dir);
        try {
            MessageDigest d = MessageDigest.getInstance("MD5");
            for (Path f : files) {
                d.update(relative(dir, f).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update((Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        } catch (IOException e) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(dir.toString()),
                    "cannot read the product folder: " + e, e);
        }
    }

    /** @return every regular file under {@code dir} (symbolic links not followed), sorted by relative path */
    static List<Path> list(Path dir) throws DrpException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            var it = s.filter(Files::isRegularFile).iterator();
            while (it.hasNext()) {
                if (out.size() == MAX_FILES) {
                    throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(dir.toString()),
                            "more than " + MAX_FILES + " files: not a product folder");
                }
                out.add(it.next());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DrpException(IngestCode.DRP_FILES_MISSING, Location.file(dir.toString()),
                    "cannot list the product folder: " + e, e);
        }
        out.sort((a, b) -> relative(dir, a).compareTo(relative(dir, b)));
        return out;
    }

    /** @return {@code f} relative to {@code dir}, {@code /}-separated */
    static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
    }
}
