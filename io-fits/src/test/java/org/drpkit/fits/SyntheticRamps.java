package org.drpkit.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Ramp;

/**
 * Raw up-the-ramp reads with known content: a bias level, a per-pixel rate, read noise, cosmic-ray jumps and
 * saturation at 65535, all integer DN, as an H2RG in the APOGEE raw format delivers them.
 */
public final class SyntheticRamps {

    private SyntheticRamps() {
    }

    /** @return a ramp of {@code reads} reads 10.6 s apart; about 1 % of pixels jump, the brightest saturate */
    public static Ramp raw(int w, int h, int reads, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] planes = new float[reads][w * h];
        double[] times = new double[reads];
        for (int k = 0; k < reads; k++) {
            times[k] = 10.6 * k;
        }
        for (int i = 0; i < w * h; i++) {
            double bias = 12000 + 300 * r.nextGaussian();
            double rate = i % 97 == 0 ? 9000 : Math.abs(50 + 40 * r.nextGaussian()); // DN/read; some saturate
            int jumpAt = r.nextInt(100) == 0 ? 1 + r.nextInt(reads - 1) : reads;
            double jump = 2000 + r.nextInt(20000);
            double signal = 0;
            for (int k = 0; k < reads; k++) {
                signal += rate + (k == jumpAt ? jump : 0);
                long v = Math.round(bias + signal + 5 * r.nextGaussian());
                planes[k][i] = Math.max(0, Math.min(65535, v));
            }
        }
        return Ramp.of(w, h, times, planes);
    }

    /** @return per-read headers with DATE-OBS 10.6 s apart and the read number */
    public static List<Header> readHeaders(int reads) {
        List<Header> hs = new ArrayList<>();
        for (int k = 0; k < reads; k++) {
            long ms = Math.round(10600.0 * k);
            String t = String.format("2024-03-01T05:%02d:%02d.%03d", ms / 60000, (ms / 1000) % 60, ms % 1000);
            hs.add(Header.builder().add("DATE-OBS", t, "start of read (TAI)").add("READNUM", (long) k + 1)
                    .add("INTOFF", 10600.0, "ms").build());
        }
        return hs;
    }
}
