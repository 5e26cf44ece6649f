package org.drpkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestOptions;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.KeywordTables;
import org.drpkit.archive.PreviewFormat;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsRewrite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-shot ingest of the real NIRC2 frames against {@code md5sum} over the same files, in the same run.
 *
 * <p>Setup copies the seventeen frames of {@code ../shared/data/keck/nirc2} (property {@code drpkit.nirc2}) twelve
 * times into a temporary folder (204 files, 163 MB), each copy a distinct observation: its time (UTC) is moved by the
 * copy's number of seconds, its archived KOAID is removed and FILENAME names the copy, so every copy gets its own id
 * and passes the archive's file-name rule. Each invocation of {@code ingest} queues all 204 files in a fresh H2
 * ledger under a fresh output root (stage copies made on two threads, {@code IngestService.enqueueAll}) and drains
 * the queue with two workers (the CLI's one-shot path), with the archive's
 * NIRC2 keyword table when {@code ../shared/data/keck/keyword-tables} exists; {@code md5sum} runs {@code md5sum} on
 * the same 204 files. Both read from the page cache (the files are read once at setup). Files per second = 204 /
 * seconds per op; the ratio of interest is md5sum's time over ingest's time. Every invocation's output (about
 * 330 MB with the stage copies) stays on disk until the trial ends, as an archive keeps its products: allow
 * 7 GB for {@code -wi 15 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IngestThroughputBenchmark {

    /** Copies of each frame. */
    static final int COPIES = 12;

    /** Force every product to disk before publishing it (the default) or not. */
    @Param({"true", "false"})
    public boolean fsync;

    /** The preview formats, space-separated ({@code -p previews=jpeg,none}): both by default, as the ingest writes them. */
    @Param({"png jpeg"})
    public String previews;

    /** Ingest workers (and stage-copy threads); two, one per core, unless asked (more hide the waits for the disk). */
    @Param({"2"})
    public int workers;

    Path dir;
    Path input;
    List<Path> files;
    Path tables;
    Path root;
    Ledger ledger;

    /** Makes the 204 distinct copies. */
    @Setup(Level.Trial)
    public void copies() throws IOException, DrpException {
        Path src = Path.of(System.getProperty("drpkit.nirc2", "../shared/data/keck/nirc2"));
        if (!Files.isDirectory(src)) {
            throw new IllegalStateException("no NIRC2 frames at " + src.toAbsolutePath()
                    + " (run from the repository root or set -Ddrpkit.nirc2=DIR)");
        }
        Path t = src.resolveSibling("keyword-tables");
        tables = Files.isDirectory(t) ? t : null;
        dir = Files.createTempDirectory("drpkit-ingest-bench");
        input = Files.createDirectories(dir.resolve("in"));
        files = new ArrayList<>();
        List<Path> frames;
        try (Stream<Path> s = Files.list(src)) {
            frames = s.filter(p -> p.toString().endsWith(".fits")).sorted().toList();
        }
        for (int c = 0; c < COPIES; c++) {
            for (int k = 0; k < frames.size(); k++) {
                String name = String.format("n%02d%02d.fits", c, k);
                Header h = FitsHeaders.readAll(frames.get(k)).get(0);
                String utc = h.getString("UTC").orElseThrow().trim();
                int sec = Integer.parseInt(utc.substring(6, 8)) + c;
                String moved = utc.substring(0, 6) + String.format("%02d", sec % 60) + utc.substring(8);
                if (sec >= 60) {
                    int min = Integer.parseInt(utc.substring(3, 5)) + 1;
                    moved = utc.substring(0, 3) + String.format("%02d", min % 60) + ":" + moved.substring(6);
                }
                Header copy = h.toBuilder().remove("KOAID").set("UTC", moved).set("FILENAME", name).build();
                Path f = input.resolve(name);
                FitsRewrite.rewrite(frames.get(k), 0, copy, f, false);
                files.add(f);
            }
        }
        for (Path f : files) {
            Files.readAllBytes(f); // into the page cache
        }
    }

    /** A fresh output root and ledger for each ingest. */
    @Setup(Level.Invocation)
    public void freshRoot() throws IOException, DrpException {
        root = Files.createTempDirectory(dir, "out");
        ledger = JdbcLedger.open("jdbc:h2:file:" + root.resolve("ledger").toAbsolutePath());
    }

    /**
     * Closes the ledger; the output stays until the trial ends. Deleting each invocation's 2,000-odd files before the
     * next made every file the next one created scan ext4's recently deleted inodes (perf: {@code __ext4_new_inode ->
     * find_inode_bit -> recently_deleted}, half the ingest's kernel time), which an archive, never deleting its
     * products, does not pay.
     */
    @TearDown(Level.Invocation)
    public void closeLedger() {
        ledger.close();
    }

    /** Removes the copies and every invocation's output. */
    @TearDown(Level.Trial)
    public void removeCopies() throws IOException {
        BenchFiles.delete(dir);
    }

    /** @return the number of files archived; queues all 204 files and drains the queue with the workers */
    @Benchmark
    public int ingest() throws DrpException {
        IngestContext ctx = IngestContext.builder(root)
                .keywordTables(tables == null ? KeywordTables.none() : KeywordTables.in(tables))
                .options(IngestOptions.archive().fsync(fsync).previews(PreviewFormat.parse(previews))).build();
        IngestService s = new IngestService(ledger, ctx, null);
        s.enqueueAll(files, workers); // as the CLI's one-shot path: stage copies on the workers' count of threads
        int ok = 0;
        for (IngestService.Finished f : s.drain(workers, x -> { }, () -> false)) {
            ok += f.status() == ProcessingStatus.PROCESSED ? 1 : 0;
        }
        if (ok != files.size()) {
            throw new IllegalStateException(ok + " of " + files.size() + " files archived");
        }
        return ok;
    }

    /** @return md5sum's exit status over the same 204 files */
    @Benchmark
    public int md5sum() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("md5sum");
        for (Path f : files) {
            cmd.add(f.toString());
        }
        return BenchFiles.runPeer(cmd, ProcessBuilder.Redirect.DISCARD);
    }
}
