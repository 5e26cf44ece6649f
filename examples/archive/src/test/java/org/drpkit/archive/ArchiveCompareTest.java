package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.drpkit.archive.CompareResult.Difference;
import org.drpkit.archive.CompareResult.Kind;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.fits.table.IpacTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArchiveCompare} on two trees made by ingesting the same three frames twice through {@link IngestService}
 * (each tree with its own ledger inside it, as the CLI does): equal; then each kind of change made by hand to the new
 * tree is reported, with the values it changed, and changes within the archive's tolerances are notes only.
 */
class ArchiveCompareTest {

    @TempDir
    Path tmp;

    private Path oldRoot;
    private Path newRoot;

    static Path ingest(Path root, List<Path> frames) throws Exception {
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + root.resolve("ledger").toAbsolutePath())) {
            // one clock for both runs: DQA_DATE is the same whatever the time between them
            IngestService s = new IngestService(l, IngestContext.builder(root).clock(java.time.Clock.fixed(
                    java.time.Instant.parse("2026-12-01T12:00:00Z"), java.time.ZoneOffset.UTC))
                    .options(IngestOptions.archive().fsync(false)).build(), null);
            for (Path f : frames) {
                s.enqueue(f);
            }
            assertEquals(frames.size(), s.drain(2, x -> { }, () -> false).size());
        }
        return root;
    }

    @BeforeEach
    void twoRunsOfTheSameFrames() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<Path> frames = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            frames.add(TestFiles.nirc2(in, String.format("n%04d.fits", i), String.format("10:00:%02d.00", i), 100 * i));
        }
        oldRoot = ingest(tmp.resolve("run1"), frames);
        newRoot = ingest(tmp.resolve("run2"), frames);
    }

    private Path lev0(Path root) {
        return root.resolve("NIRC2/20170725/lev0");
    }

    private static final String K = "N2.20170725.36001.00";

    /** Sets one metadata cell of the new tree's table of {@link #K}. */
    private void setMetadata(String column, String value) throws Exception {
        Path f = lev0(newRoot).resolve(K + ".metadata.table");
        IpacTable t = IpacTable.read(f);
        List<String> row = new ArrayList<>(t.rows().get(0));
        row.set(t.indexOf(column), value);
        t.withRows(List.of(row)).write(f, true);
    }

    @Test
    void twoIngestsOfTheSameFramesAreEqual() throws DrpException {
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertTrue(r.equal(), r.toString());
        assertEquals(List.of(), r.notes());
        assertEquals(21, r.products(), "3 frames x (fits, metadata, png, jpg, two thumbnails, md5sum): " + r);
        assertEquals(3, r.metadataTables());
        assertEquals(3, r.md5Tables());
        assertEquals(12, r.previews(), "png, jpg and their thumbnails");
        assertTrue(r.skipped() >= 6, "the logs and the ledgers are not products: " + r);
        assertTrue(r.toString().startsWith("compare " + oldRoot + " (old) with " + newRoot + " (new)\nEQUAL: 21"), r.toString());
    }

    @Test
    void aMetadataValueBeyondTheToleranceIsADifferenceAndOneWithinItANote() throws Exception {
        IpacTable before = IpacTable.read(lev0(oldRoot).resolve(K + ".metadata.table"));
        assertEquals("1.0", before.value(0, "ITIME"));
        setMetadata("ITIME", "1.03");          // rounds to 1.0 at one decimal: within the archive's tolerance
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertTrue(r.equal(), r.toString());
        assertEquals(List.of(new Difference(Kind.METADATA, "NIRC2/20170725/lev0/" + K + ".metadata.table",
                "Meta compare: " + K + ".fits: col \"ITIME\": (0)\"1.0\" != (1)\"1.03\" (within 1 decimal)")), r.notes());
        assertFalse(ArchiveCompare.compare(oldRoot, newRoot, ArchiveCompare.Options.EXACT).equal(),
                "exact comparison sees it");

        setMetadata("ITIME", "1.2");
        r = ArchiveCompare.compare(oldRoot, newRoot);
        assertFalse(r.equal());
        assertEquals(List.of(new Difference(Kind.METADATA, "NIRC2/20170725/lev0/" + K + ".metadata.table",
                "Meta compare: " + K + ".fits: col \"ITIME\": (0)\"1.0\" != (1)\"1.2\"")), r.differences());
    }

    @Test
    void aProductMissingFromOneTreeIsReported() throws Exception {
        Files.delete(lev0(newRoot).resolve(K + ".png"));
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertEquals(List.of(new Difference(Kind.ONLY_IN_OLD, "NIRC2/20170725/lev0/" + K + ".png",
                "not in the new tree")), r.differences());
        CompareResult back = ArchiveCompare.compare(newRoot, oldRoot);
        assertEquals(Kind.ONLY_IN_NEW, back.differences().get(0).kind());
    }

    @Test
    void anAlteredPreviewIsReportedByItsPixelStatisticsAndAFaintChangeIsANote() throws Exception {
        Path png = lev0(newRoot).resolve(K + ".png");
        BufferedImage img = ImageIO.read(png.toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        WritableRaster ras = img.getRaster();
        // one pixel one level brighter: mean 1/(w*h) levels, rms 1/sqrt(w*h): within tolerance, a note
        ras.setSample(0, 0, 0, Math.min(255, ras.getSample(0, 0, 0) + 1) == ras.getSample(0, 0, 0) + 1
                ? ras.getSample(0, 0, 0) + 1 : ras.getSample(0, 0, 0) - 1);
        ImageIO.write(img, "png", png.toFile());
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertTrue(r.equal(), r.toString());
        assertEquals(1, r.notes().size(), r.toString());
        double rms = 1 / Math.sqrt((double) w * h);
        assertTrue(r.notes().get(0).detail().contains(String.format(java.util.Locale.ROOT, "rms %.3f", rms)),
                r.notes().get(0) + " expected rms " + rms);

        // invert the image: every pixel moves by |255 - 2v|, far beyond 3 levels rms
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < ras.getNumBands(); b++) {
                    ras.setSample(x, y, b, 255 - ras.getSample(x, y, b));
                }
            }
        }
        ImageIO.write(img, "png", png.toFile());
        r = ArchiveCompare.compare(oldRoot, newRoot);
        assertEquals(1, r.differences().size(), r.toString());
        assertEquals(Kind.PREVIEW, r.differences().get(0).kind());
        assertTrue(r.differences().get(0).detail().startsWith("pixels differ: mean"), r.toString());
    }

    @Test
    void aChangedFitsFileIsAContentDifferenceAndItsMd5LineAnMd5Difference() throws Exception {
        Path fits = lev0(newRoot).resolve(K + ".fits");
        byte[] b = Files.readAllBytes(fits);
        b[b.length - 2880 + 100] ^= 1; // a pixel: the 512 data bytes start the last 2880-byte block
        Files.write(fits, b);
        Path table = lev0(newRoot).resolve(K + ".md5sum.table");
        String text = Files.readString(table);
        String fitsLine = text.lines().filter(l -> l.endsWith(".fits")).findFirst().orElseThrow();
        String newMd5 = org.drpkit.fits.checksum.Md5.hex(b);
        Files.writeString(table, text.replace(fitsLine, newMd5 + fitsLine.substring(32)));
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertEquals(List.of(Kind.CONTENT, Kind.MD5), r.differences().stream().map(Difference::kind).toList(),
                r.toString());
        assertEquals("HDU 0 data differ from byte 100 of 512", r.differences().get(0).detail());
        assertTrue(r.differences().get(1).detail().equals(K + ".fits: " + fitsLine.substring(0, 32) + " != "
                + newMd5), r.toString());
    }

    @Test
    void fitsFilesEqualApartFromTheRunsDqaDateAreANoteAndTheirMd5LinesMayDiffer() throws Exception {
        Path fits = lev0(newRoot).resolve(K + ".fits");
        String oldDate = org.drpkit.fits.FitsHeaders.readPrimary(fits).getString("DQA_DATE").orElseThrow();
        TestFiles.edited(fits, tmp.resolve("edited.fits"), h -> h.fix("DQA_DATE", "2030-01-01T00:00:00", null, "t"));
        Files.move(tmp.resolve("edited.fits"), fits, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path table = lev0(newRoot).resolve(K + ".md5sum.table");
        String text = Files.readString(table);
        String fitsLine = text.lines().filter(l -> l.endsWith(".fits")).findFirst().orElseThrow();
        Files.writeString(table, text.replace(fitsLine, org.drpkit.fits.checksum.Md5.hex(fits) + fitsLine.substring(32)));
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertTrue(r.equal(), r.toString());
        assertEquals(List.of(new Difference(Kind.CONTENT, "NIRC2/20170725/lev0/" + K + ".fits",
                "equal apart from the run's cards [DQA_DATE]")), r.notes(), "was " + oldDate);
    }

    @Test
    void theMd5LinesOfPreviewsAndMetadataTablesMayDiffer() {
        assertTrue(ArchiveCompare.mayDiffer(K + ".png"));
        assertTrue(ArchiveCompare.mayDiffer(K + ".jpg"));
        assertTrue(ArchiveCompare.mayDiffer(K + ".metadata.table"));
        assertFalse(ArchiveCompare.mayDiffer(K + ".fits"));
        assertFalse(ArchiveCompare.mayDiffer(K + ".ext0.tbl"));
    }

    @Test
    void anUnreadableTableIsADifferenceNotAnException() throws Exception {
        Files.writeString(lev0(newRoot).resolve(K + ".metadata.table"), "not a table\n");
        CompareResult r = ArchiveCompare.compare(oldRoot, newRoot);
        assertEquals(List.of(Kind.UNREADABLE), r.differences().stream().map(Difference::kind).toList(), r.toString());
    }

    @Test
    void aMissingRootIsBadInput() {
        DrpException e = assertThrows(DrpException.class, () -> ArchiveCompare.compare(oldRoot, tmp.resolve("nope")));
        assertEquals(CompareCode.COMPARE_ROOT_NOT_FOUND, e.code());
        e = assertThrows(DrpException.class, () -> ArchiveCompare.compare(oldRoot, oldRoot));
        assertEquals(CompareCode.COMPARE_ROOT_INVALID, e.code());
    }
}
