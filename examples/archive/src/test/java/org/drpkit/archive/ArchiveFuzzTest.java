package org.drpkit.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.checksum.Md5;

/**
 * Coverage-guided fuzz targets (Jazzer) for what the archive does with a file from outside: the header fix of every
 * instrument plugin that accepts it, and the ingest of one file. The contracts, for any byte sequence:
 * <ul>
 *   <li>{@link #pluginFixes}: each plugin that accepts the primary header fixes it, gives its archive id and its traits,
 *       or raises {@link DrpException}; nothing else escapes.</li>
 *   <li>{@link #ingest}: the file ends PROCESSED or INVALID (no system fails here, so ERROR is a finding), with a code
 *       when INVALID, and nothing is written outside the output root and no temporary is left in it.</li>
 * </ul>
 * In a plain {@code mvn verify} each target runs its committed inputs in
 * {@code src/test/resources/org/drpkit/archive/ArchiveFuzzTestInputs/<target>/} (written by
 * {@link ArchiveFuzzSeeds}); {@code .ci/fuzz} fuzzes them.
 */
class ArchiveFuzzTest {

    private static final Instruments INSTRUMENTS = Instruments.load();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static Path scratch;

    private static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir"));
            scratch = Files.createTempDirectory(base, "drpkit-archive-fuzz-");
            Path d = scratch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
        }
        return scratch;
    }

    /** Every plugin that accepts the file's primary header: fix, archive id and traits, or a domain error. */
    @FuzzTest
    void pluginFixes(byte[] data) throws Exception {
        Path f = scratch().resolve("in.fits");
        Files.write(f, data);
        List<HduInfo> hdus;
        try {
            hdus = FitsHeaders.scan(f);
        } catch (DrpException e) {
            return;
        }
        List<Header> headers = new ArrayList<>();
        for (HduInfo h : hdus) {
            headers.add(h.header());
        }
        Header primary = headers.get(0);
        FixContext ctx = FixContext.builder().path(f).fileModified(CLOCK.instant()).hdus(headers).clock(CLOCK)
                .build();
        for (InstrumentPlugin p : INSTRUMENTS.all()) {
            if (!p.accepts(primary)) {
                continue;
            }
            try {
                FixResult r = p.fix(primary, ctx);
                p.archiveId(r.header());
                p.traits(r.header());
                r.toString();
            } catch (DrpException e) {
                requireCode(e);
            }
        }
        try {
            INSTRUMENTS.forHeader(primary);
        } catch (DrpException e) {
            requireCode(e);
        }
    }

    /** One file through the whole ingest: PROCESSED or INVALID, never ERROR, nothing left outside or behind. */
    @FuzzTest
    void ingest(byte[] data) throws Exception {
        Path dir = scratch().resolve("run");
        delete(dir);
        Path in = Files.createDirectories(dir.resolve("sdata"));
        Path root = dir.resolve("koadata");
        Path f = in.resolve("n0001.fits");
        Files.write(f, data);
        String md5 = Md5.hex(f);
        IngestContext ctx = IngestContext.builder(root).clock(CLOCK).options(IngestOptions.archive().fsync(false))
                .build();
        IngestResult r = Ingest.run(new IngestRequest(f, f, md5, new ArchiveIdRegistry().claimsFor(f.toString(), md5),
                null, 1, List.of(), null), ctx);
        if (r.status() == ProcessingStatus.ERROR) {
            throw new AssertionError("ERROR although no system failed: " + r + " " + r.events());
        }
        if (r.status() == ProcessingStatus.INVALID && (r.code() == null || r.code().isBlank())) {
            throw new AssertionError("INVALID without a code: " + r);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                boolean expected = p.equals(f) || p.startsWith(root.resolve("ledger"))
                        || p.startsWith(root) && !p.getFileName().toString().startsWith(".");
                if (!expected) {
                    throw new AssertionError("left behind: " + p + " after " + r);
                }
            }
        }
    }

    private static void requireCode(DrpException e) {
        if (e.code() == null || e.getMessage() == null) {
            throw new AssertionError("a domain error without code or message", e);
        }
    }

    private static void delete(Path d) {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
