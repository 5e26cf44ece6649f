package org.drpkit.archive;

import static org.drpkit.archive.LedgerEvents.codes;
import static org.drpkit.archive.LedgerEvents.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEIMOS end to end through {@link IngestService} on an H2 ledger: science frames naming a flexure-compensation (FCS)
 * image queue it once, get its archive id as FCSKOAID in the archived header and the metadata table; a missing FCS
 * file is the WARN {@code FCS_FILE_MISSING} naming it; every archived frame queues its level-1 run (service RTI),
 * whose preview and md5sum table end in {@code lev1/}. The FCS id's truth is the archive's rule applied by hand: the
 * FCS frame's DATE {@code 2019-11-03T07:59:00} gives {@code DF.20191103.28740.00}.
 */
class DeimosFcsTest {

    private static final String FCS_ID = "DF.20191103.28740.00";

    @TempDir
    Path tmp;

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    private IngestService service(Ledger l) {
        IngestContext ctx = IngestContext.builder(tmp.resolve("koadata")).options(IngestOptions.archive().fsync(false))
                .build();
        return new IngestService(l, ctx, new LocalFolderTransfer(tmp.resolve("archive")));
    }

    private static Image image(int seed) {
        float[] px = new float[16 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = 1000 + seed + (i * 37 % 101);
        }
        return Image.of(16, 8, px);
    }

    /** An FCS frame as the DEIMOS FCS camera writes it (its OUTDIR ends in {@code /fcs}). */
    private Path fcs(Path dir) throws DrpException {
        Header h = Header.builder().add("INSTRUME", "DEIMOS: real science mosaic CCD subsystem")
                .add("OUTDIR", dir.toString()).add("OUTFILE", "fcs").add("FRAMENO", 101L)
                .add("DATE", "2019-11-03T07:59:00").add("DATE-OBS", "2019-11-02").add("UTC", "23:59:59.99").build();
        Path f = dir.resolve("fcs0101.fits");
        FitsWriter.create().primaryImage(h, image(5), PixelType.INT32).write(f, false);
        return f;
    }

    /** A DEIMOS science frame: an empty primary and two CCD extensions; {@code fcsimgfi} null for none. */
    private Path science(Path dir, int frame, String utc, String fcsimgfi) throws DrpException {
        Header.Builder b = Header.builder().add("INSTRUME", "DEIMOS: real science mosaic CCD subsystem")
                .add("OUTDIR", dir.toString()).add("OUTFILE", "d1103_").add("FRAMENO", (long) frame)
                .add("DATE-OBS", "2019-11-03").add("UTC", utc).add("OBSTYPE", "Object").add("HATCHPOS", "open")
                .add("GRATENAM", "600ZD").add("GRATEPOS", 3L).add("G3TLTWAV", 7203.7).add("SLMSKNAM", "GOODSN1")
                .add("DWFILNAM", "GG455");
        if (fcsimgfi != null) {
            b.add("FCSIMGFI", fcsimgfi);
        }
        Path f = dir.resolve(String.format("d1103_%04d.fits", frame));
        FitsWriter.create().primary(b.build())
                .image("CCD1", Header.builder().add("DETSEC", "[1:2048,1:4096]").build(), image(frame),
                        PixelType.INT32)
                .image("CCD2", Header.builder().add("DETSEC", "[2049:4096,1:4096]").build(), image(frame + 1),
                        PixelType.INT32)
                .write(f, false);
        return f;
    }


    @Test
    void scienceFramesShareOneArchivedFcsImageAndAMissingOneIsAWarning() throws Exception {
        Path night = Files.createDirectories(tmp.resolve("sdata1001/deimos2/2019nov03"));
        Path fcsDir = Files.createDirectories(tmp.resolve("sdata1001/dmoseng/2019nov03/fcs"));
        Path fcs = fcs(fcsDir);
        Path missing = fcsDir.resolve("fcs0102.fits");
        try (Ledger l = ledger()) {
            IngestService s = service(l);
            long[] sci = new long[4];
            for (int i = 0; i < 3; i++) {
                sci[i] = s.enqueue(science(night, 77 + i, String.format("08:0%d:00.50", i), fcs.toString())).id();
            }
            sci[3] = s.enqueue(science(night, 80, "08:04:00.50", missing.toString())).id();
            s.drain(1, f -> { }, () -> false);

            List<LedgerRow> fcsRows = l.find(LedgerQuery.all().ofname(fcs.toString()));
            assertEquals(1, fcsRows.size(), "the FCS image is queued once for three frames: " + fcsRows);
            LedgerRow fcsRow = fcsRows.get(0);
            assertEquals(0, fcsRow.level());
            assertEquals(ProcessingStatus.TRANSFERRED, fcsRow.status(), l.eventsOf(fcsRow.id()).toString());
            assertEquals(FCS_ID, fcsRow.archiveId());
            assertEquals("fcscal", fcsRow.attribute(ArchiveAttributes.IMAGE_TYPE));

            Path lev0 = tmp.resolve("koadata/DEIMOS/20191103/lev0");
            for (int i = 0; i < 3; i++) {
                LedgerRow r = l.row(sci[i]).orElseThrow();
                assertEquals(ProcessingStatus.TRANSFERRED, r.status(), l.eventsOf(sci[i]).toString());
                Header archived = FitsHeaders.readPrimary(lev0.resolve(r.archiveId() + ".fits"));
                assertEquals(FCS_ID + ".fits", archived.getString("FCSKOAID").orElse(null), r.toString());
                String meta = Files.readString(lev0.resolve(r.archiveId() + ".metadata.table"));
                assertTrue(meta.contains("FCSKOAID") && meta.contains(FCS_ID + ".fits"), "metadata of " + r);
                List<LedgerEvent> ev = l.eventsOf(sci[i]);
                assertTrue(last(ev, "FCS_REFERENCE").text().contains(i == 0 ? "queued " : "already queued"),
                        ev.toString());
                assertFalse(codes(ev, Severity.WARN).contains("FCS_FILE_MISSING"));
            }
            LedgerRow lone = l.row(sci[3]).orElseThrow();
            assertEquals(ProcessingStatus.TRANSFERRED, lone.status(), "a missing FCS file does not stop the frame");
            LedgerEvent warn = last(l.eventsOf(sci[3]), "FCS_FILE_MISSING");
            assertEquals(Severity.WARN, warn.severity());
            assertTrue(warn.text().contains("fcs0102.fits"), warn.text());
            assertTrue(FitsHeaders.readPrimary(lev0.resolve(lone.archiveId() + ".fits")).getString("FCSKOAID")
                    .isEmpty());

            // run_lev1: each archived DEIMOS frame (four science frames and the FCS frame) has its level-1 row
            List<LedgerRow> lev1 = l.find(LedgerQuery.all()).stream().filter(r -> r.level() == 1).toList();
            assertEquals(5, lev1.size(), lev1.toString());
            for (LedgerRow r : lev1) {
                assertEquals(ArchiveAttributes.SERVICE_RTI, r.attribute(ArchiveAttributes.SERVICE));
                assertEquals(ProcessingStatus.TRANSFERRED, r.status(), l.eventsOf(r.id()).toString());
                Path dir = tmp.resolve("koadata/DEIMOS/20191103/lev1");
                Map<String, String> table = LevelProductsTest.table(dir, r.archiveId());
                assertEquals(Map.of(r.archiveId() + ".png", LevelProductsTest.md5(dir.resolve(r.archiveId()
                        + ".png"))), table);
                assertEquals(LevelProductsTest.md5(dir.resolve(r.archiveId() + ".png")), LevelProductsTest.md5(
                        tmp.resolve("archive/DEIMOS/20191103/lev1/" + r.archiveId() + ".png")));
                byte[] png = Files.readAllBytes(dir.resolve(r.archiveId() + ".png"));
                assertEquals((byte) 0x89, png[0]);
                assertEquals('P', png[1]);
                assertEquals(lev0.resolve(r.archiveId() + ".fits").toString(), r.attribute(
                        ArchiveAttributes.STAGE_FILE));
            }
        }
    }

    @Test
    void anFcsImageArchivedBeforeTheFrameGivesTheLedgersId() throws Exception {
        Path night = Files.createDirectories(tmp.resolve("sdata1001/deimos2/2019nov03"));
        Path fcsDir = Files.createDirectories(tmp.resolve("sdata1001/dmoseng/2019nov03/fcs"));
        Path fcs = fcs(fcsDir);
        try (Ledger l = ledger()) {
            IngestService s = service(l);
            long f = s.enqueue(fcs).id();
            s.drain(1, x -> { }, () -> false);
            assertEquals(FCS_ID, l.row(f).orElseThrow().archiveId());
            // a relative FCSIMGFI is taken beside the science frame
            Path rel = night.relativize(fcs);
            long id = s.enqueue(science(night, 90, "09:00:00.00", rel.toString())).id();
            s.drain(1, x -> { }, () -> false);
            List<LedgerEvent> ev = l.eventsOf(id);
            assertTrue(ev.stream().anyMatch(e -> e.code().equals("FCS_REFERENCE") && e.step().equals("fcs")
                    && e.text().startsWith("FCSKOAID " + FCS_ID + ".fits") && e.text().endsWith("from its ledger row")),
                    ev.toString());
            assertTrue(last(ev, "FCS_REFERENCE").text().contains("already queued"), ev.toString());
            assertEquals(1, l.find(LedgerQuery.all().ofname(fcs.toString())).size());
        }
    }

    @Test
    void theFcsPathIsBuiltAsTheMonitorBuildsIt() throws Exception {
        // /sdata paths are read under /s (neither exists here: the /s form is reported)
        assertEquals(Path.of("/s/sdata1001/dmoseng/fcs/fcs0101.fits"),
                FcsReference.resolve("/sdata1001/dmoseng/fcs/fcs0101.fits", Path.of("/s/sdata1001/deimos2/d.fits")));
        Path abs = Files.createDirectories(tmp.resolve("fcs")).resolve("fcs0001.fits");
        assertEquals(abs, FcsReference.resolve(abs.toString(), tmp.resolve("sci/d.fits")), "other absolute paths as given");
        assertEquals(tmp.resolve("fcs/fcs0001.fits"), FcsReference.resolve("../fcs/fcs0001.fits",
                tmp.resolve("sci/d.fits")), "relative to the science frame's folder");
    }
}
