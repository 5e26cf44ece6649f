package org.drpkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.calib.CalibratedImage;
import org.drpkit.algorithms.calib.Calibrate;
import org.drpkit.algorithms.calib.DarkCalibration;
import org.drpkit.algorithms.calib.DarkParams;
import org.drpkit.algorithms.calib.DarkStack;
import org.drpkit.algorithms.calib.FlatField;
import org.drpkit.algorithms.calib.FlatParams;
import org.drpkit.algorithms.calib.FlatStack;
import org.drpkit.algorithms.calib.FrameSource;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 2D calibration stages on one APOGEE chip (2560 x 2048).
 *
 * <ul>
 *   <li>{@code stackDarks30} / {@code stackDarks30Serial}: {@link DarkStack} of 30 dark rate frames with their own
 *       ivar and flags (1.89 GB of input: 30 x 5.24 Mpx x 12 bytes) and 0.5 % unflagged cosmic rays, on all cores /
 *       on one thread;
 *   <li>{@code stackFlats10}: {@link FlatStack} of 10 lamp flats (0.63 GB of input) with the dark above;
 *   <li>{@code calibrateChip}: {@link Calibrate} of one rate frame with that dark and flat (9 arrays of 21 MB read,
 *       3 written: 252 MB moved).
 * </ul>
 * Report speed as input bytes per second over the {@link MemoryBandwidth} probe of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
public class CalibBenchmark {

    private static final Chip CHIP = H2rgLayout.apogee("R");

    List<MaskedImage> darks;
    List<MaskedImage> flats;
    DarkCalibration dark;
    FlatField flat;
    MaskedImage science;

    /** Simulates the frames once (about half a minute) and builds the calibrations the later stages use. */
    @Setup(Level.Trial)
    public void setup() throws DrpException {
        SplittableRandom rnd = new SplittableRandom(1);
        darks = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            darks.add(frame(rnd.split(), 0));
        }
        flats = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            flats.add(frame(rnd.split(), 300));
        }
        science = frame(rnd.split(), 2);
        dark = DarkStack.build(darks, CHIP, DarkParams.defaults());
        flat = FlatStack.build(FrameSource.of(flats), CHIP, dark.dark(), FlatParams.defaults());
    }

    /** A rate frame: 0.05 DN/read of dark plus {@code lamp} on the light-sensitive area, noise 0.1 DN/read + 1 %. */
    static MaskedImage frame(SplittableRandom rnd, double lamp) {
        int w = CHIP.width();
        int h = CHIP.height();
        float[] f = new float[w * h];
        float[] iv = new float[w * h];
        int[] fl = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double lit = CHIP.lightSensitive().contains(x, y) ? lamp * (1 + 0.2 * x / w - 0.1 * y / h) : 0;
                double e = 0.05 + lit;
                double var = 0.01 + 1e-4 * e * e;
                double u1 = rnd.nextDouble();
                double g = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * rnd.nextDouble());
                double v = e + Math.sqrt(var) * g;
                if (rnd.nextDouble() < 0.005) {
                    v += 1 + 50 * rnd.nextDouble(); // a cosmic ray the ramp stage missed
                }
                f[i] = (float) v;
                iv[i] = (float) (1 / var);
                fl[i] = rnd.nextDouble() < 0.01 ? PixelFlag.ONE_JUMP.value() : 0;
            }
        }
        return MaskedImage.of(Image.of(w, h, f), Image.of(w, h, iv), Mask.of(w, h, fl));
    }

    /** @return the dark stack of 30 frames on all cores */
    @Benchmark
    public DarkCalibration stackDarks30() throws DrpException {
        return DarkStack.build(darks, CHIP, DarkParams.defaults());
    }

    /** @return the dark stack of 30 frames on one thread */
    @Benchmark
    public DarkCalibration stackDarks30Serial() throws DrpException {
        return DarkStack.build(darks, CHIP, DarkParams.defaults().withParallel(false));
    }

    /** @return the flat stack of 10 frames with the dark, on all cores */
    @Benchmark
    public FlatField stackFlats10() throws DrpException {
        return FlatStack.build(FrameSource.of(flats), CHIP, dark.dark(), FlatParams.defaults());
    }

    /** @return one chip calibrated */
    @Benchmark
    public CalibratedImage calibrateChip() throws DrpException {
        return Calibrate.apply(science, CHIP, dark, flat);
    }
}
