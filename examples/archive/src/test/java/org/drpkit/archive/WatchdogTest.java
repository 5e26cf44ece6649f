package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.drpkit.archive.ledger.ArchiveAttributes;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Watchdog} on a healthy archive, then on the same archive broken in known ways. */
class WatchdogTest {

    private static final Instant QUEUED = Instant.parse("2026-12-06T17:00:00Z");
    private static final Instant CHECK = QUEUED.plus(Duration.ofMinutes(90));
    private static final Duration LIMIT = Duration.ofMinutes(60);

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("koadata");
    }

    private Ledger ledger() throws DrpException {
        return JdbcLedger.open("jdbc:h2:file:" + root().resolve("ledger").toAbsolutePath());
    }

    private IngestContext context() {
        return IngestContext.builder(root()).clock(Clock.fixed(QUEUED, ZoneOffset.UTC))
                .options(IngestOptions.archive().fsync(false)).build();
    }

    private static String utc(int i) {
        return String.format("10:00:%02d.00", i);
    }

    @Test
    void aHealthyArchiveIsOkAndEachBreakageIsReportedOnceWithItsKind() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata/nirc2"));
        Path mira = Files.createDirectories(tmp.resolve("sdata/mira"));
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context(), null);
            long[] ids = new long[3];
            for (int i = 0; i < 3; i++) {
                ids[i] = s.enqueue(TestFiles.nirc2(in, String.format("n%04d.fits", i), utc(i), i)).id();
            }
            long invalid = s.enqueue(TestFiles.nirc2(mira, "n0009.fits", utc(9), 9)).id();
            s.drain(1, x -> { }, () -> false);

            Watchdog.Report healthy = Watchdog.check(l, context(), LIMIT, CHECK);
            assertTrue(healthy.ok(), healthy.problems().toString());
            // 3 x (fits, metadata, png, jpg, two thumbnails, md5sum, log) + 4 stage copies + anc copy and log
            assertEquals(3 * 8 + 4 + 2, healthy.files(), healthy.toString());
            assertEquals(4, healthy.rows());

            // a worker that claimed a file at 15:00 and died; another that claimed one 10 minutes ago
            long stuck = s.enqueue(TestFiles.nirc2(in, "n0020.fits", utc(20), 20)).id();
            assertEquals(stuck, l.claimNext(null, "host:1:1", QUEUED.minus(Duration.ofHours(2))).orElseThrow().id());
            long busy = s.enqueue(TestFiles.nirc2(in, "n0021.fits", utc(21), 21)).id();
            assertEquals(busy, l.claimNext(null, "host:2:2", CHECK.minus(Duration.ofMinutes(10))).orElseThrow().id());

            LedgerRow r0 = l.row(ids[0]).orElseThrow();
            Path lev0 = Path.of(r0.attribute(ArchiveAttributes.PROCESS_DIR));
            Path png = lev0.resolve(r0.archiveId() + ".png");
            Files.delete(png);
            Path stage1 = Path.of(l.row(ids[1]).orElseThrow().attribute(ArchiveAttributes.STAGE_FILE));
            Files.delete(stage1);
            Path anc = Path.of(l.row(invalid).orElseThrow().attribute(ArchiveAttributes.ANC_FILE));
            Files.delete(anc);
            Path stray = Files.writeString(lev0.resolve("N2.20170725.99999.00.fits"), "no row has this id");
            Path strayStage = Files.writeString(stage1.resolveSibling("copied-by-hand.fits"), "x");
            Path oldTemp = Files.writeString(lev0.resolve(".N2.x.fits.tmp"), "half");
            Files.setLastModifiedTime(oldTemp, FileTime.from(QUEUED.minus(Duration.ofHours(3))));
            Path freshTemp = Files.writeString(lev0.resolve(".N2.y.fits.tmp"), "in flight");
            Files.setLastModifiedTime(freshTemp, FileTime.from(CHECK.minus(Duration.ofMinutes(1))));

            Watchdog.Report broken = Watchdog.check(l, context(), LIMIT, CHECK);
            assertEquals(1, broken.count(Watchdog.Kind.STUCK), broken.problems().toString());
            Watchdog.Problem st = broken.problems().get(0);
            assertEquals(Watchdog.Kind.STUCK, st.kind(), "stuck rows come first");
            assertEquals(stuck, st.row());
            assertTrue(st.toString().contains("PROCESSING since 2026-12-06T15:00:00Z") && st.text().contains("host:1:1"),
                    st.toString());

            assertEquals(Set.of(png), paths(broken, Watchdog.Kind.MISSING_PRODUCT));
            assertEquals(Set.of(stage1, anc), paths(broken, Watchdog.Kind.MISSING_COPY));
            assertEquals(Set.of(stray, strayStage, oldTemp), paths(broken, Watchdog.Kind.UNKNOWN_FILE),
                    "the fresh temporary may be a live write");
            assertEquals(1 + 1 + 2 + 3, broken.problems().size(), broken.problems().toString());
            assertTrue(broken.toString().endsWith("7 problems"), broken.toString());
            assertEquals(ProcessingStatus.PROCESSING, l.row(stuck).orElseThrow().status(), "the watchdog changes nothing");
        }
    }

    private static Set<Path> paths(Watchdog.Report r, Watchdog.Kind kind) {
        return r.problems().stream().filter(p -> p.kind() == kind).map(Watchdog.Problem::path)
                .collect(Collectors.toSet());
    }

    @Test
    void rowsWhoseFolderIsGoneReportEveryMissingPieceAndNothingUnknown() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("sdata/nirc2"));
        try (Ledger l = ledger()) {
            IngestService s = new IngestService(l, context(), null);
            long id = s.enqueue(TestFiles.nirc2(in, "n0001.fits", utc(1), 1)).id();
            s.drain(1, x -> { }, () -> false);
            LedgerRow r = l.row(id).orElseThrow();
            Path lev0 = Path.of(r.attribute(ArchiveAttributes.PROCESS_DIR));
            for (String n : TestFiles.tree(lev0)) {
                Files.delete(lev0.resolve(n));
            }
            Watchdog.Report rep = Watchdog.check(l, context(), LIMIT, CHECK);
            assertEquals(List.of("MISSING_PRODUCT #" + id + " " + lev0.resolve(r.archiveId() + ".log")
                    + ": the log is gone", "MISSING_PRODUCT #" + id + " " + lev0.resolve(r.archiveId()
                    + ".md5sum.table") + ": the md5sum table is gone"),
                    rep.problems().stream().map(Object::toString).toList());
        }
    }
}
