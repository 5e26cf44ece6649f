package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-instrument switches of the service: an instrument switched off, and its own rejected-delivery rule. */
class InstrumentSwitchesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T17:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private IngestContext.Builder context() {
        return IngestContext.builder(tmp.resolve("koadata")).clock(CLOCK).options(IngestOptions.archive().fsync(false));
    }

    private Ledger ledger() throws Exception {
        return JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("koadata/ledger").toAbsolutePath());
    }

    @Test
    void aSwitchedOffInstrumentsFilesEndInvalidWithoutProductsOrAncCopy() throws Exception {
        Path f = TestFiles.nirc2(Files.createDirectories(tmp.resolve("sdata/nirc2")), "n0001.fits", "10:00:01.00", 1);
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context().disable("NIRC2").build(), null);
            long id = s.enqueue(f).id();
            List<IngestService.Finished> done = s.drain(1, x -> { }, () -> false);
            assertEquals(1, done.size());
            LedgerRow r = l.row(id).orElseThrow();
            assertEquals(ProcessingStatus.INVALID, r.status());
            assertEquals("INSTRUMENT_DISABLED", r.statusCode());
            assertNull(r.attribute(ArchiveAttributes.ANC_FILE), "not copied to anc/");
            assertFalse(Files.exists(tmp.resolve("koadata/anc")), "nothing in anc/");
            assertFalse(Files.exists(tmp.resolve("koadata/NIRC2")), "no product folder");
            assertTrue(Files.isRegularFile(Path.of(r.attribute(ArchiveAttributes.STAGE_FILE))),
                    "the stage copy made at queue time stays");
        }
    }

    @Test
    void anInstrumentsOwnRejectedRuleOverridesTheServicesAndUnknownInstrumentsKeepTheServices() throws Exception {
        Path mira = TestFiles.nirc2(Files.createDirectories(tmp.resolve("sdata/mira")), "n0002.fits", "10:00:02.00", 2);
        Path notFits = Files.writeString(Files.createDirectories(tmp.resolve("sdata/other")).resolve("x.fits"), "no\n");
        Path dest = tmp.resolve("archive");
        try (Ledger l = ledger()) {
            IngestContext ctx = context().rejectedDelivery(RejectedDelivery.NONE)
                    .rejectedDelivery("NIRC2", RejectedDelivery.ALL).build();
            assertEquals(RejectedDelivery.ALL, ctx.rejectedDelivery("NIRC2"));
            assertEquals(RejectedDelivery.NONE, ctx.rejectedDelivery("OSIRIS"));
            IngestService s = new IngestService(l, ctx, new LocalFolderTransfer(dest));
            long a = s.enqueue(mira).id();
            long b = s.enqueue(notFits).id();
            s.drain(1, x -> { }, () -> false);
            assertEquals("FILEPATH_REJECT", l.row(a).orElseThrow().statusCode());
            assertEquals(ProcessingStatus.INVALID, l.row(b).orElseThrow().status());
            assertEquals(List.of("anc/udf/" + a + "/n0002.fits", "anc/udf/" + a + "/n0002.fits.log"),
                    TestFiles.tree(dest), "only the NIRC2 file is delivered: the other's instrument is unknown");
        }
    }
}
