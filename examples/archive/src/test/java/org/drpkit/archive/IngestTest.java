package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.drpkit.core.header.Header;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.validate.FitsValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Ingest} on files made here: the steps, the outcomes and their codes, the products. */
class IngestTest {

    @TempDir
    Path tmp;

    private Path in() throws Exception {
        return Files.createDirectories(tmp.resolve("in"));
    }

    private Path root() {
        return tmp.resolve("koadata");
    }

    private IngestContext context(IngestOptions o) {
        return IngestContext.builder(root()).options(o.fsync(false)).build();
    }

    private static IngestResult ingest(Path f, IngestContext ctx, ArchiveIdRegistry ids) throws Exception {
        return Ingest.run(new IngestRequest(f, f, Md5.hex(f), ids.claimsFor(f.toString(), Md5.hex(f)), null, 1,
                List.of(), null), ctx);
    }

    private static boolean has(IngestResult r, Severity s, String code) {
        return r.events().stream().anyMatch(e -> e.severity() == s && e.code().equals(code));
    }

    @Test
    void aFrameIsArchivedWithEveryProductAndItsDataBytesUnchanged() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0001.fits", "10:21:13.25", 100);
        IngestResult r = ingest(f, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        assertEquals("N2.20170725.37273.25", r.koaid(), "KOAID from DATE-OBS and UTC (37273 s of day)");
        assertEquals("NIRC2", r.instrument());
        assertEquals("dark", r.koaimtyp());
        assertEquals("2017A_ENG", r.semid(), "OUTDIR nirc2eng: an engineering frame");
        assertEquals(18, r.propint());
        Path lev0 = root().resolve("NIRC2/20170725/lev0");
        assertEquals(lev0, r.processDir());
        String k = r.koaid();
        assertEquals(List.of(k + ".fits", k + ".jpg", k + ".log", k + ".md5sum.table", k + ".metadata.table", k + ".png",
                k + ".thumb.jpg", k + ".thumb.png"),
                TestFiles.tree(lev0), "generic metadata without keyword tables; no extension tables");
        assertEquals(lev0.resolve(k + ".log"), r.products().get(r.products().size() - 1), "the log is published last");
        assertFalse(TestFiles.tree(lev0).stream().anyMatch(n -> n.startsWith(".")), "no temporary left");

        HduInfo src = FitsHeaders.scan(f).get(0);
        HduInfo out = FitsHeaders.scan(lev0.resolve(k + ".fits")).get(0);
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(f), (int) src.dataOffset(),
                (int) (src.dataOffset() + src.dataBytes())), Arrays.copyOfRange(Files.readAllBytes(
                lev0.resolve(k + ".fits")), (int) out.dataOffset(), (int) (out.dataOffset() + out.dataBytes())));
        Header h = out.header();
        assertEquals(k + ".fits", h.getString("KOAID").orElseThrow());
        // pixels are 100 + i for i = 0..127: mean = median = 163.5, population std = sqrt((128^2 - 1) / 12)
        assertEquals(163.5, h.getDouble("IMAGEMN").orElseThrow(), 0);
        assertEquals(163.5, h.getDouble("IMAGEMD").orElseThrow(), 0);
        assertEquals(36.95, h.getDouble("IMAGESD").orElseThrow(), 0);
        assertEquals(0L, h.getLong("NPIXSAT").orElseThrow(), "NIRC2 saturates at 18000 DN per coadd");
        assertEquals(0L, h.getLong("NLINEAR").orElseThrow(), "NONLIN 5000 DN per coadd");
        assertTrue(FitsValidator.validate(lev0.resolve(k + ".fits")).isValid());

        Md5SumTable md5 = Md5SumTable.read(lev0.resolve(k + ".md5sum.table"));
        assertEquals(List.of(k + ".fits", k + ".jpg", k + ".metadata.table", k + ".png", k + ".thumb.jpg", k + ".thumb.png"),
                md5.entries().stream().map(Md5SumTable.Entry::path).toList());
        for (Md5SumTable.Entry e : md5.entries()) {
            assertEquals(Md5.hex(lev0.resolve(e.path())), e.md5(), e.path());
        }
        IpacTable meta = IpacTable.read(lev0.resolve(k + ".metadata.table"));
        assertEquals(k + ".fits", meta.value(0, "KOAID"));
        assertEquals("163.5", meta.value(0, "IMAGEMN"));
        assertEquals(String.valueOf(Math.round(Files.size(lev0.resolve(k + ".fits")) / 1e6 * 1e4) / 1e4),
                meta.value(0, "FILESIZE_MB"));
        String log = Files.readString(lev0.resolve(k + ".log"));
        assertTrue(log.contains("INFO STARTED [start]") && log.contains("INFO PROCESSED [publish]"), log);
        assertTrue(log.contains("FIX KOAID: (absent) -> '" + k + ".fits' (keck.koaid)"), log);
        assertEquals(List.of("SET_FRAMENO_ERROR", "SET_WCS_ERROR"), r.events().stream()
                .filter(e -> e.severity() == Severity.WARN).map(StatusEvent::code).toList(),
                "the plugin's warnings (no FRAMENO, no pointing) are events; the outcome is PROCESSED");
    }

    @Test
    void aRenamedFileIsInvalidByDefaultAndAcceptedWithAWarningWhenAsked() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0002.fits", "10:21:14.00", 1);
        Path renamed = Files.move(f, f.resolveSibling("dark_16_8.fits"));
        IngestResult strict = ingest(renamed, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.INVALID, strict.status());
        assertEquals("MISMATCHED_FILENAME", strict.code());
        assertTrue(strict.events().stream().anyMatch(e -> e.text().equals("OFNAME n0002.fits != dark_16_8.fits")));
        assertNull(strict.koaid(), "an invalid file takes no archive id");
        assertEquals(List.of(), TestFiles.tree(root()), "nothing written");
        IngestResult lenient = ingest(renamed, context(IngestOptions.archive().renamed(Severity.WARN)),
                new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.PROCESSED, lenient.status());
        assertTrue(has(lenient, Severity.WARN, "MISMATCHED_FILENAME"));
    }

    @Test
    void aVersionedStageCopyIsComparedWithItsOriginalName() throws Exception {
        Path f = TestFiles.nirc2(in(), "n0003.fits", "10:21:15.00", 1);
        Path copy = Files.copy(f, f.resolveSibling("n0003_ver2.fits"));
        IngestResult r = ingest(copy, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        assertEquals("n0003.fits", OriginalName.of(Path.of("/stage/n0003_ver2.fits")));
        assertEquals("kb190509_00001.fits", OriginalName.of(Path.of("kb190509_00001_ver12.fits.gz")));
        assertEquals("n0003", OriginalName.of(Path.of("n0003_ver2")));
    }

    @Test
    void aRejectedPathIsInvalid() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("s/sdata/mira/2017jul25"));
        Path f = TestFiles.nirc2(dir, "n0004.fits", "10:21:16.00", 1);
        IngestResult r = ingest(f, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.INVALID, r.status());
        assertEquals("FILEPATH_REJECT", r.code());
        assertEquals(ProcessingStatus.PROCESSED,
                ingest(f, context(IngestOptions.archive().rejectParts(List.of())), new ArchiveIdRegistry()).status());
    }

    @Test
    void theSameFileElsewhereIsADuplicateAndOtherContentGetsTheNextFreeId() throws Exception {
        ArchiveIdRegistry ids = new ArchiveIdRegistry();
        IngestContext ctx = context(IngestOptions.archive());
        Path f = TestFiles.nirc2(in(), "n0005.fits", "10:21:17.50", 7);
        assertEquals("N2.20170725.37277.50", ingest(f, ctx, ids).koaid());
        Path elsewhere = Files.createDirectories(tmp.resolve("copy"));
        IngestResult dup = ingest(Files.copy(f, elsewhere.resolve("n0005.fits")), ctx, ids);
        assertEquals(ProcessingStatus.INVALID, dup.status());
        assertEquals("DUPLICATE_KOAID", dup.code());

        // another frame whose header gives the same id (a stuck time keyword), different pixels
        Path other = TestFiles.nirc2(Files.createDirectories(tmp.resolve("other")), "n0005.fits", "10:21:17.50", 8);
        IngestResult second = ingest(other, ctx, ids);
        assertEquals(ProcessingStatus.PROCESSED, second.status(), second.events().toString());
        assertEquals("N2.20170725.37277.51", second.koaid(), "the next free hundredths");
        assertTrue(has(second, Severity.WARN, "DUPLICATE_KOAID"));
        Header h = FitsHeaders.readAll(second.processDir().resolve(second.koaid() + ".fits")).get(0);
        assertEquals("N2.20170725.37277.51.fits", h.getString("KOAID").orElseThrow());
        assertTrue(Files.readString(second.processDir().resolve(second.koaid() + ".log"))
                .contains("(keck.koaidCollision)"), "the repair is in the log");
        assertEquals(2, ids.size());
    }

    @Test
    void malformedFilesAreInvalidWithTheirCodeAndLeaveNothingBehind() throws Exception {
        Path dir = in();
        Path empty = Files.createFile(dir.resolve("empty.fits"));
        Path text = Files.writeString(dir.resolve("text.fits"), "this is not FITS\n".repeat(200));
        Path good = TestFiles.nirc2(dir, "n0006.fits", "10:21:18.00", 1);
        byte[] b = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.fits"), Arrays.copyOf(b, b.length - 2880));
        Path folder = Files.createDirectories(dir.resolve("folder.fits"));
        Path missing = dir.resolve("missing.fits");
        IngestContext ctx = context(IngestOptions.archive());
        ArchiveIdRegistry ids = new ArchiveIdRegistry();
        assertOutcome(ingest(empty, ctx, ids), ProcessingStatus.INVALID, "FILE_EMPTY");
        assertOutcome(ingest(text, ctx, ids), ProcessingStatus.INVALID, "NOT_FITS");
        assertOutcome(ingest(truncated, ctx, ids), ProcessingStatus.INVALID, "DATA_TRUNCATED");
        assertOutcome(Ingest.run(IngestRequest.of(folder, ids.claimsFor(folder.toString(), null)), ctx),
                ProcessingStatus.INVALID, "NOT_A_FILE");
        assertOutcome(Ingest.run(IngestRequest.of(missing, ids.claimsFor(missing.toString(), null)), ctx),
                ProcessingStatus.ERROR, "FITS_NOT_FOUND");
        assertEquals(List.of(), TestFiles.tree(root()), "no product, no staging, no temporary file");
    }

    @Test
    void aFileNoPluginAcceptsIsInvalid() throws Exception {
        Path f = tmp.resolve("other.fits");
        org.drpkit.fits.FitsWriter.create().primaryImage(Header.builder().add("INSTRUME", "WFPC2").build(),
                org.drpkit.core.image.Image.zeros(4, 4), org.drpkit.fits.PixelType.FLOAT32).write(f, false);
        assertOutcome(ingest(f, context(IngestOptions.archive()), new ArchiveIdRegistry()), ProcessingStatus.INVALID,
                "INSTRUMENT_UNKNOWN");
    }

    @Test
    void hostileHeaderValuesCannotWriteOutsideTheRoot() throws Exception {
        Path base = TestFiles.nirc2(in(), "n0007.fits", "10:21:19.00", 1);
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        Path a = TestFiles.edited(base, dir.resolve("n0007.fits"), b -> b.set("OUTDIR", "../../../etc")
                .set("FILENAME", "../../../etc/passwd"));
        Path c = TestFiles.edited(base, dir.resolve("n0008.fits"), b -> b.set("KOAID", "../../../etc/x.fits")
                .set("FILENAME", "n0008.fits"));
        IngestContext ctx = context(IngestOptions.archive().renamed(Severity.WARN));
        ArchiveIdRegistry ids = new ArchiveIdRegistry();
        IngestResult ra = ingest(a, ctx, ids);
        assertEquals(ProcessingStatus.PROCESSED, ra.status(), "OFNAME and OUTDIR never name an output");
        assertTrue(has(ra, Severity.WARN, "MISMATCHED_FILENAME"));
        IngestResult rc = ingest(c, ctx, ids);
        assertOutcome(rc, ProcessingStatus.INVALID, "INVALID_KOAID"); // the file's own KOAID is malformed: its fault
        for (String p : TestFiles.tree(tmp)) {
            assertTrue(p.startsWith("koadata/NIRC2/20170725/lev0/") || p.startsWith("in/") || p.startsWith("hostile/"),
                    "written outside the root: " + p);
        }
    }

    @Test
    void validatorErrorsTheArchiveToleratesAreWarningsUnlessStrict() throws Exception {
        Path good = TestFiles.nirc2(in(), "n0009.fits", "10:21:20.00", 1);
        byte[] b = Files.readAllBytes(good);
        byte[] junk = Arrays.copyOf(b, b.length + 100);
        Arrays.fill(junk, b.length, junk.length, (byte) 'x');
        Path f = Files.write(tmp.resolve("n0009.fits"), junk);
        IngestResult r = ingest(f, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.PROCESSED, r.status());
        StatusEvent trailing = r.events().stream().filter(e -> e.code().equals("TRAILING_BYTES")).findFirst()
                .orElseThrow();
        assertEquals(Severity.WARN, trailing.severity());
        assertTrue(FitsValidator.validate(r.processDir().resolve(r.koaid() + ".fits")).isValid(),
                "the archived copy has no trailing bytes");
        assertOutcome(ingest(f, IngestContext.builder(tmp.resolve("strict")).options(IngestOptions.archive().strict()
                .fsync(false)).build(), new ArchiveIdRegistry()), ProcessingStatus.INVALID, "TRAILING_BYTES");
    }

    @Test
    void anApogeeExposureIsArchivedUnderDrpkitsOwnIdWithAGenericTable() throws Exception {
        Path f = TestFiles.apogee(in(), "apR-b-52610013.fits", 3);
        IngestResult r = ingest(f, context(IngestOptions.archive()), new ArchiveIdRegistry());
        assertEquals(ProcessingStatus.PROCESSED, r.status(), r.events().toString());
        assertEquals("AP.20230101.10800.00_G", r.koaid());
        assertEquals("object", r.koaimtyp());
        String k = r.koaid();
        assertEquals(List.of(k + ".fits", k + ".jpg", k + ".log", k + ".md5sum.table", k + ".metadata.table", k + ".png",
                k + ".thumb.jpg", k + ".thumb.png"),
                TestFiles.tree(root().resolve("APOGEE/20230101/lev0")));
        IpacTable meta = IpacTable.read(r.processDir().resolve(k + ".metadata.table"));
        assertEquals("apo25m", meta.value(0, "TELESCOP"));
        assertEquals("3", meta.value(0, "NREAD"));
        assertTrue(r.events().stream().anyMatch(e -> e.text().startsWith("preview of HDU 1")), r.events().toString());
        assertEquals(4, FitsHeaders.scan(r.processDir().resolve(k + ".fits")).size(), "every read kept");
    }

    private static void assertOutcome(IngestResult r, ProcessingStatus status, String code) {
        assertEquals(status, r.status(), r.toString() + " " + r.events());
        assertEquals(code, r.code(), r.events().toString());
        StatusEvent last = r.events().get(r.events().size() - 1);
        assertEquals(code, last.code(), "the deciding event is the last");
    }
}
