package org.drpkit.fits.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.fits.ApogeeSpectrumFiles;
import org.drpkit.fits.ApogeeVisit;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsRamps;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.TraceFiles;
import org.drpkit.fits.checksum.FitsChecksums;
import org.drpkit.fits.table.ExtensionTable;
import org.drpkit.fits.table.IpacTable;
import org.drpkit.fits.table.KeywordTable;
import org.drpkit.fits.table.Md5SumTable;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidationReport;

/**
 * Coverage-guided fuzz targets (Jazzer) for every io-fits entry point that reads bytes from outside. Each target
 * states the contract for any byte sequence: the call returns or raises {@link DrpException} (the validator never
 * throws at all), allocates no more than the size limit, and leaves no file handle and no file behind. Anything else
 * (an unchecked exception, an error, a leak) is a finding.
 *
 * <p>In a plain {@code mvn verify} each target runs once per committed input in
 * {@code src/test/resources/org/drpkit/fits/fuzz/FitsFuzzTestInputs/<target>/} (seeds written by {@link FuzzSeeds}
 * and the findings of earlier runs). {@code .ci/fuzz} fuzzes them; see its header for the longer run.
 */
class FitsFuzzTest {

    /** The size limit the targets give the readers: large enough for every seed, small enough to fuzz fast. */
    static final long LIMIT = 64L << 20;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Runs {@code call} on {@code data} as a file and checks the contract; DrpException is an accepted outcome. */
    private static void run(byte[] data, String name, FileCall call) throws Exception {
        FuzzFiles.clear();
        Path f = FuzzFiles.write(name, data);
        int fds = FuzzFiles.openDescriptors();
        try {
            call.accept(f);
        } catch (DrpException e) {
            if (e.code() == null || e.getMessage() == null) {
                throw new AssertionError("a domain error without code or message", e);
            }
        }
        FuzzFiles.requireNothingLeft(fds, List.of(f, f.resolveSibling("out.fits")));
    }

    @FunctionalInterface
    private interface FileCall {
        void accept(Path file) throws Exception;
    }

    /** FITS headers of every HDU. */
    @FuzzTest
    void headers(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            for (HduInfo h : FitsHeaders.scan(f)) {
                h.header().duplicates();
                h.imageHeader();
                h.toString();
            }
        });
    }

    /** Trace products (the extraction's input): any file is a set of traces or a domain error. */
    @FuzzTest
    void traces(byte[] data) throws Exception {
        run(data, "in.fits", f -> TraceFiles.read(f).toString());
    }

    /** APOGEE spectrum products (apVisit, apStar): any file is a visit, a star or a domain error. */
    @FuzzTest
    void apogeeSpectra(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            attempt(() -> {
                ApogeeVisit v = ApogeeSpectrumFiles.readVisit(f, LIMIT);
                v.chips();
                v.toString();
            });
            ApogeeSpectrumFiles.readStar(f, LIMIT).toString();
        });
    }

    /** The validator never throws, whatever the file. */
    @FuzzTest
    void validator(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            ValidationReport r = FitsValidator.validate(f);
            r.toString();
        });
    }

    /** Images, masks, doubles and row blocks of every HDU, plain or tile-compressed. */
    @FuzzTest
    void images(byte[] data) throws Exception {
        run(data, "in.fits", FitsFuzzTest::readEveryImage);
    }

    /** The same reads, started from the tile-compressed seeds (every codec). */
    @FuzzTest
    void compressedImages(byte[] data) throws Exception {
        run(data, "in.fits", FitsFuzzTest::readEveryImage);
    }

    private static void readEveryImage(Path f) throws DrpException {
        try (FitsReader r = FitsReader.open(f, LIMIT)) {
            for (HduInfo h : r.hdus()) {
                if (!h.hasImage()) {
                    continue;
                }
                Header ih = r.imageHeader(h.index());
                long w = ih.getLong("NAXIS1").orElse(0L);
                long ht = ih.getInt("NAXIS").orElse(0) >= 2 ? ih.getLong("NAXIS2").orElse(0L) : 1;
                long planes = 1;
                for (int k = 3; k <= ih.getInt("NAXIS").orElse(0); k++) {
                    planes *= Math.max(0, ih.getLong("NAXIS" + k).orElse(0L));
                }
                attempt(() -> r.readImage(h.index()));
                attempt(() -> r.readMask(h.index()));
                attempt(() -> r.readDoubles(h.index()));
                if (w > 0 && ht > 0 && 4 * w <= LIMIT && planes > 0) {
                    int rows = (int) Math.min(ht, Math.max(1, (1 << 20) / w));
                    float[] dst = new float[(int) (rows * w)];
                    int[] ints = new int[dst.length];
                    for (int p = 0; p < Math.min(planes, 3); p++) {
                        int plane = p;
                        attempt(() -> r.readRows(h, plane, 0, rows, dst, 0));
                        attempt(() -> r.readRowsInt(h, plane, (int) (ht - rows), rows, ints, 0));
                    }
                }
            }
            attempt(r::readMaskedImage);
            attempt(r::readSpectra);
        }
    }

    /** The archive's extension tables: every named table HDU as text (nom-tam reads the table data). */
    @FuzzTest
    void extensionTables(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            for (ExtensionTable t : ExtensionTable.read(f)) {
                t.bytes();
                t.fileName("NC.20240101.00001.00");
            }
        });
    }

    /** Checksum verification, and an update that must write all of a copy or nothing. */
    @FuzzTest
    void checksums(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            FitsChecksums.verify(f).toString();
            FitsChecksums.update(f, f.resolveSibling("out.fits"), true, CLOCK, true);
        });
    }

    /** Ramps in every layout (one HDU per read, cube, apz; plain or tile-compressed): row blocks and the whole. */
    @FuzzTest
    void ramps(byte[] data) throws Exception {
        run(data, "in.fits", f -> {
            try (FitsRamps.Source s = FitsRamps.open(f, null, LIMIT)) {
                s.readHeaders();
                s.primaryHeader();
                s.readTimes();
                long perRow = 4L * s.width() * s.reads();
                int rows = (int) Math.max(1, Math.min(s.height(), (8L << 20) / Math.max(1, perRow)));
                if (perRow * rows <= LIMIT) {
                    float[][] dest = new float[s.reads()][rows * s.width()];
                    s.readRows(0, rows, dest);
                    s.readRows(s.height() - rows, rows, dest);
                }
                s.readAll();
            }
            for (FitsRamps.Layout layout : FitsRamps.Layout.values()) {
                attempt(() -> FitsRamps.open(f, layout, LIMIT).close());
            }
        });
    }

    /** IPAC tables (the archive's metadata tables) and md5sum tables. */
    @FuzzTest
    void ipacTables(byte[] data) throws Exception {
        run(data, "in.tbl", f -> {
            attempt(() -> IpacTable.parse("in.tbl", new String(data, StandardCharsets.ISO_8859_1)).text());
            attempt(() -> IpacTable.read(f));
            Md5SumTable.read(f);
        });
    }

    /** The archive's keyword tables. */
    @FuzzTest
    void keywordTables(byte[] data) throws Exception {
        run(data, "in.txt", f -> {
            attempt(() -> KeywordTable.parse("in.txt", new String(data, StandardCharsets.ISO_8859_1)).columns());
            KeywordTable.load(f).columns();
        });
    }

    @FunctionalInterface
    private interface Call {
        void call() throws DrpException;
    }

    /** Calls and accepts a domain error, so the target goes on to the next entry point. */
    private static void attempt(Call c) {
        try {
            c.call();
        } catch (DrpException e) {
            // an accepted outcome for malformed input
        }
    }
}
