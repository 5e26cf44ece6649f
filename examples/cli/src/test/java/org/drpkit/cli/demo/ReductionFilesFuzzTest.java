package org.drpkit.cli.demo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.trace.LineSpread;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Spectra;

/**
 * Coverage-guided fuzz targets (Jazzer) for the reduction products the command line reads back: extracted spectra
 * ({@code drpkit fibreflat}) and line-spread functions ({@code drpkit lsf-diff}). For any byte sequence the reader
 * returns a product or raises {@link DrpException}; nothing else escapes. {@code mvn verify} replays the committed
 * inputs in {@code src/test/resources/org/drpkit/cli/demo/ReductionFilesFuzzTestInputs/<target>/}, written by
 * {@link #main}; {@code .ci/fuzz} fuzzes them.
 */
public class ReductionFilesFuzzTest {

    private static Path scratch;

    private static synchronized Path input(byte[] data) throws IOException {
        if (scratch == null) {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir"));
            scratch = Files.createTempDirectory(base, "drpkit-cli-fuzz-");
            scratch.toFile().deleteOnExit();
        }
        Path f = scratch.resolve("in.fits");
        Files.write(f, data);
        f.toFile().deleteOnExit();
        return f;
    }

    /** Extracted spectra: a product or a domain error. */
    @FuzzTest
    void spectraFiles(byte[] data) throws Exception {
        try {
            ReductionFiles.readSpectra(input(data)).toString();
        } catch (DrpException e) {
            requireCode(e);
        }
    }

    /** Line-spread-function products: a product or a domain error. */
    @FuzzTest
    void lsfFiles(byte[] data) throws Exception {
        try {
            LineSpread.Result r = ReductionFiles.readLsf(input(data));
            r.toString();
        } catch (DrpException e) {
            requireCode(e);
        }
    }

    private static void requireCode(DrpException e) {
        if (e.code() == null || e.getMessage() == null) {
            throw new AssertionError("a domain error without code or message", e);
        }
    }

    /**
     * Writes the seed inputs with the products' own writers: 3 spectra of 16 pixels (one masked pixel) with their
     * fibre numbers, and an LSF of 3 fibres in 2 regions.
     *
     * @param args the inputs folder ({@code .../ReductionFilesFuzzTestInputs})
     */
    public static void main(String[] args) throws Exception {
        Path inputs = Path.of(args[0]);
        int fibres = 3;
        int pixels = 16;
        float[] flux = new float[fibres * pixels];
        float[] ivar = new float[flux.length];
        int[] mask = new int[flux.length];
        for (int i = 0; i < flux.length; i++) {
            flux[i] = 100 + i;
            ivar[i] = 0.01f;
        }
        mask[5] = 1;
        Spectra s = Spectra.of(fibres, pixels, flux, ivar, mask, null);
        ExtractionResult r = new ExtractionResult(s, Optional.empty(), Optional.empty(),
                ExtractionResult.Method.OPTIMAL, 0, 0, 0, 1.0);
        Path spectra = Files.createDirectories(inputs.resolve("spectraFiles"));
        ReductionFiles.writeSpectra(spectra.resolve("seed-spectra.fits"), Header.builder().add("CHIP", "G").build(), r,
                new int[] {300, 299, 298}, false, true);
        Path lsf = Files.createDirectories(inputs.resolve("lsfFiles"));
        int cells = fibres * 2;
        ReductionFiles.writeLsf(lsf.resolve("seed-lsf.fits"), Header.empty(), new LineSpread.Result(
                new int[] {300, 299, 298}, 2, 256, new double[] {1.2, 1.3, 1.2, 1.25, 1.21, 1.3},
                new double[] {0.01, 0.01, 0.02, 0.01, 0.01, 0.02}, new double[cells], new double[cells],
                new int[] {5, 6, 5, 7, 4, 6}), true);
    }
}
