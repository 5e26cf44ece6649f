package org.drpkit.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Mask;
import org.drpkit.core.trace.ProfileShape;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFilesTest {

    @TempDir
    Path dir;

    static Traces traces() {
        int columns = 40;
        int n = 3;
        double[] c = new double[columns * n];
        double[] s = new double[c.length];
        double[] h = new double[c.length];
        Arrays.fill(c, Double.NaN);
        Arrays.fill(s, Double.NaN);
        Arrays.fill(h, Double.NaN);
        for (int i = 0; i < n; i++) {
            for (int x = 4; x < 36; x++) {
                c[i * columns + x] = 10 + 6.6 * i + 0.01 * x;
                s[i * columns + x] = 1.1 + 1e-3 * x;
                h[i * columns + x] = i == 1 ? 0 : 3000 + x;
            }
        }
        return new Traces("G", columns, 4, 36, new int[] {300, 299, 298},
                new TraceStatus[] {TraceStatus.LIVE, TraceStatus.DEAD, TraceStatus.LIVE}, c, s, h,
                new ProfileShape(0.03, 0.01, -0.01, 0.05, 0.02, 0.01));
    }

    @Test
    void tracesSurviveAWriteAndReadExactly() throws DrpException {
        Path p = dir.resolve("traces.fits");
        Traces t = traces();
        TraceFiles.write(p, Header.builder().add("EXPNUM", 12L).build(), t, false);
        assertEquals(t, TraceFiles.read(p));
        assertEquals(12L, FitsHeaders.readPrimary(p).getLong("EXPNUM").orElseThrow());
    }

    @Test
    void anExistingProductIsNotReplacedUnlessAskedAndNothingIsLeftBehind() throws DrpException, IOException {
        Path p = dir.resolve("traces.fits");
        Files.writeString(p, "keep me");
        DrpException e = assertThrows(DrpException.class, () -> TraceFiles.write(p, Header.empty(), traces(), false));
        assertEquals(FitsErrorCode.OUTPUT_EXISTS, e.code());
        assertEquals("keep me", Files.readString(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aLiveTraceWithANanCentreIsRefusedNamingFileHduAndTrace() throws DrpException {
        Traces t = traces();
        double[] c = t.centre().clone();
        c[2 * 40 + 17] = Double.NaN;
        Path p = dir.resolve("nan.fits");
        TraceFiles.write(p, Header.empty(), new Traces("G", 40, 4, 36, t.fibres(), t.status(), c, t.sigma(),
                t.height(), t.shape()), false);
        DrpException e = assertThrows(DrpException.class, () -> TraceFiles.read(p));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("nan.fits, HDU 1") && e.getMessage().contains("fibre 298"),
                e.getMessage());
    }

    @Test
    void extensionsOfDifferentShapesAreRefused() throws DrpException {
        Traces t = traces();
        Path p = dir.resolve("shape.fits");
        FitsWriter.create().primary(Header.builder().add("CHIP", "G").add("NTRACE", 3L).add("XMIN", 4L)
                .add("XMAX", 35L).add("GHH3", 0.0).add("GHH3X", 0.0).add("GHH3Y", 0.0).add("GHH4", 0.0)
                .add("GHH4X", 0.0).add("GHH4Y", 0.0).build())
                .doubleImage(TraceFiles.CENTRE, Header.empty(), 40, 3, t.centre())
                .doubleImage(TraceFiles.SIGMA, Header.empty(), 30, 4, Arrays.copyOf(t.sigma(), 120))
                .doubleImage(TraceFiles.HEIGHT, Header.empty(), 40, 3, t.height())
                .mask(TraceFiles.FIBRE, Header.empty(), Mask.of(3, 2, 300, 299, 298, 0, 0, 0)).write(p, false);
        DrpException e = assertThrows(DrpException.class, () -> TraceFiles.read(p));
        assertEquals(FitsErrorCode.FITS_WRONG_DATA, e.code());
        assertTrue(e.getMessage().contains("SIGMA is 30x4"), e.getMessage());
    }

    @Test
    void aFileWithoutTheTraceKeywordsIsRefusedNamingTheKeyword() throws DrpException {
        Path p = dir.resolve("image.fits");
        FitsWriter.create().primary(Header.builder().add("OBJECT", "not traces").build()).write(p, false);
        DrpException e = assertThrows(DrpException.class, () -> TraceFiles.read(p));
        assertEquals(CoreErrorCode.HEADER_MISSING_KEYWORD, e.code());
        assertTrue(e.getMessage().contains("CHIP"), e.getMessage());
    }
}
