package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerEvent;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.checksum.Md5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage copies ({@code _verN}, reprocessing from the copy) and the {@code anc/} area of rejected files. */
class StageCopiesTest {

    /** Queue day of every test: the stage folder is {@code stage/20261206}. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T17:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("koadata");
    }

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + root().resolve("ledger").toAbsolutePath());
    }

    private IngestContext.Builder context() {
        return IngestContext.builder(root()).clock(CLOCK).options(IngestOptions.archive().fsync(false));
    }

    private Path in(String sub) throws Exception {
        return Files.createDirectories(tmp.resolve(sub));
    }

    /** The stage copy a file at {@code abs} gets on the test's day, as the spec names it (full path mirrored). */
    private Path staged(Path abs, String name) {
        Path dir = root().resolve("stage/20261206");
        for (Path part : abs.toAbsolutePath().getParent()) {
            dir = dir.resolve(part.toString());
        }
        return dir.resolve(name);
    }

    private static long count(List<LedgerEvent> events, String code) {
        return events.stream().filter(e -> e.code().equals(code)).count();
    }

    private static void assertNoTemporaries(Path dir) throws Exception {
        for (String p : TestFiles.tree(dir)) {
            assertFalse(Path.of(p).getFileName().toString().startsWith("."), "a temporary was left: " + p);
        }
    }

    @Test
    void versionNameInsertsVerBeforeTheLastDotOrAppendsIt() {
        assertEquals("kb190509_00001.fits", StageCopies.versioned("kb190509_00001.fits", 1));
        assertEquals("kb190509_00001_ver2.fits", StageCopies.versioned("kb190509_00001.fits", 2));
        assertEquals("n0051.fits_ver3.gz", StageCopies.versioned("n0051.fits.gz", 3), "before the last dot only");
        assertEquals("README_ver19", StageCopies.versioned("README", 19));
    }

    @Test
    void samePathWithNewContentIsStagedAsVer2AndBothVersionsAreArchivedFromTheirCopies() throws Exception {
        Path f = TestFiles.nirc2(in("sdata/nirc2"), "n0001.fits", "10:00:01.00", 1);
        String md5First = Md5.hex(f);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            IngestService.Queued first = s.enqueue(f);
            // the instrument writes the same path again, with another exposure
            Files.delete(f);
            TestFiles.nirc2(f.getParent(), "n0001.fits", "10:00:02.00", 2);
            String md5Second = Md5.hex(f);
            IngestService.Queued second = s.enqueue(f);
            IngestService.Queued again = s.enqueue(f);
            assertTrue(first.created() && second.created());
            assertFalse(again.created(), "the same path and content is queued once");
            assertEquals(second.id(), again.id());

            LedgerRow r1 = l.row(first.id()).orElseThrow();
            LedgerRow r2 = l.row(second.id()).orElseThrow();
            assertEquals(staged(f, "n0001.fits").toString(), r1.attribute(ArchiveAttributes.STAGE_FILE));
            assertEquals(staged(f, "n0001_ver2.fits").toString(), r2.attribute(ArchiveAttributes.STAGE_FILE));
            assertEquals(md5First, Md5.hex(staged(f, "n0001.fits")), "the first version's bytes are kept");
            assertEquals(md5Second, Md5.hex(staged(f, "n0001_ver2.fits")));
            assertEquals(md5First, r1.fileMd5());
            assertEquals(md5Second, r2.fileMd5());
            assertEquals(List.of("n0001.fits", "n0001_ver2.fits"), TestFiles.tree(staged(f, "x").getParent()),
                    "no third copy for the duplicate, no temporary");
            assertEquals(1, count(l.eventsOf(r2.id()), "DUPLICATE_FILE"));
            assertEquals(1, count(l.eventsOf(r1.id()), "STAGED"));

            s.drain(1, x -> { }, () -> false);
            r1 = l.row(first.id()).orElseThrow();
            r2 = l.row(second.id()).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r1.status(), r1.toString());
            assertEquals(ProcessingStatus.PROCESSED, r2.status(), "OFNAME n0001.fits matches the _ver2 copy: " + r2);
            assertEquals(f.toString(), r2.ofname(), "the row names the original path");
            assertEquals("N2.20170725.36001.00", r1.archiveId());
            assertEquals("N2.20170725.36002.00", r2.archiveId());
            String log = Files.readString(Path.of(r2.attribute(ArchiveAttributes.PROCESS_DIR))
                    .resolve(r2.archiveId() + ".log"));
            assertTrue(log.contains("n0001_ver2.fits (original " + f + ")"), log);
        }
    }

    @Test
    void reprocessingReadsTheStageCopyAfterTheSummitDiskIsWiped() throws Exception {
        Path f = TestFiles.nirc2(in("sdata/nirc2"), "n0007.fits", "10:00:07.00", 7);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            long id = s.enqueue(f).id();
            Files.delete(f); // wiped before the first run
            s.drain(1, x -> { }, () -> false);
            assertEquals(ProcessingStatus.PROCESSED, l.row(id).orElseThrow().status());
            String firstMd5 = Md5.hex(Path.of(l.row(id).orElseThrow().attribute(ArchiveAttributes.PROCESS_DIR))
                    .resolve("N2.20170725.36007.00.fits"));

            assertEquals(1, l.requeue(LedgerQuery.all(), Instant.now()));
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r.status(), r.toString());
            assertEquals(2, r.attempt());
            assertEquals(staged(f, "n0007.fits").toString(), r.attribute(ArchiveAttributes.STAGE_FILE),
                    "the copy is kept across reprocessing");
            assertEquals(firstMd5, Md5.hex(Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR))
                    .resolve("N2.20170725.36007.00.fits")), "the same archived file from the copy");
        }
    }

    @Test
    void aRejectedFileIsKeptInAncWithItsReasonAndDeliveredOnlyWhenTheRuleSaysSo() throws Exception {
        Path a = TestFiles.nirc2(in("sdata/mira"), "n0010.fits", "10:00:10.00", 10);
        Path b = Files.writeString(in("sdata/nirc2").resolve("notes.fits"), "not a FITS file\n");
        Path dest = tmp.resolve("archive");
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context()
                    .rejectedDelivery(RejectedDelivery.parse("FILEPATH_REJECT")).build(),
                    new LocalFolderTransfer(dest));
            long ia = s.enqueue(a).id();
            long ib = s.enqueue(b).id();
            s.drain(1, x -> { }, () -> false);

            LedgerRow ra = l.row(ia).orElseThrow();
            assertEquals(ProcessingStatus.INVALID, ra.status());
            assertEquals("FILEPATH_REJECT", ra.statusCode());
            Path copy = root().resolve("anc/udf/" + ia + "/n0010.fits");
            assertEquals(copy.toString(), ra.attribute(ArchiveAttributes.ANC_FILE));
            assertEquals(Md5.hex(a), Md5.hex(copy), "the rejected file's bytes");
            String log = Files.readString(root().resolve("anc/udf/" + ia + "/n0010.fits.log"));
            assertTrue(log.startsWith("# rejected: INVALID FILEPATH_REJECT: " + a + " contains 'mira'\n"), log);
            assertTrue(log.contains("INVALID FILEPATH_REJECT"), log);
            assertEquals(1, count(l.eventsOf(ia), "REJECTED_COPIED"));
            assertEquals(1, count(l.eventsOf(ia), "REJECTED_DELIVERED"), "the rule names FILEPATH_REJECT");
            assertEquals(List.of("anc/udf/" + ia + "/n0010.fits", "anc/udf/" + ia + "/n0010.fits.log"),
                    TestFiles.tree(dest));

            LedgerRow rb = l.row(ib).orElseThrow();
            assertEquals(ProcessingStatus.INVALID, rb.status());
            Path copyB = root().resolve("anc/udf/" + ib + "/notes.fits");
            assertEquals(copyB.toString(), rb.attribute(ArchiveAttributes.ANC_FILE));
            assertEquals("not a FITS file\n", Files.readString(copyB));
            assertTrue(Files.readString(root().resolve("anc/udf/" + ib + "/notes.fits.log"))
                    .startsWith("# rejected: INVALID " + rb.statusCode() + ": "));
            assertEquals(0, count(l.eventsOf(ib), "REJECTED_DELIVERED"), "the rule does not name " + rb.statusCode());
            assertNoTemporaries(root());
            assertNoTemporaries(dest);
        }
    }

    @Test
    void aStageThatCannotBeWrittenQueuesNothingAndLeavesNothing() throws Exception {
        Path f = TestFiles.nirc2(in("sdata/nirc2"), "n0003.fits", "10:00:03.00", 3);
        Path blocked = Files.writeString(Files.createDirectories(root()).resolve("stage"), "a file, not a folder");
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            DrpException e = assertThrows(DrpException.class, () -> s.enqueue(f));
            assertEquals(IngestCode.STAGE_ERROR, e.code());
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertEquals(List.of(), l.find(LedgerQuery.all()), "nothing queued");
            assertEquals("a file, not a folder", Files.readString(blocked));
        }
    }

    @Test
    void anAncAreaThatCannotBeWrittenLeavesTheRowInvalidWithAWarning() throws Exception {
        Path f = TestFiles.nirc2(in("sdata/mira"), "n0004.fits", "10:00:04.00", 4);
        Path blocked = Files.writeString(Files.createDirectories(root()).resolve("anc"), "a file, not a folder");
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().build(), null);
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.INVALID, r.status());
            assertEquals("FILEPATH_REJECT", r.statusCode(), "the reason is kept, not replaced by the copy's failure");
            assertNull(r.attribute(ArchiveAttributes.ANC_FILE));
            assertEquals(1, count(l.eventsOf(id), "ANC_ERROR"));
            assertEquals("a file, not a folder", Files.readString(blocked));
        }
    }

    @Test
    void withoutStageCopiesFilesAreReadWhereTheyLie() throws Exception {
        Path f = TestFiles.nirc2(in("sdata/nirc2"), "n0005.fits", "10:00:05.00", 5);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().noStage().build(), null);
            long id = s.enqueue(f).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.PROCESSED, r.status());
            assertNull(r.attribute(ArchiveAttributes.STAGE_FILE));
            assertFalse(Files.exists(root().resolve("stage")));
        }
    }
}
