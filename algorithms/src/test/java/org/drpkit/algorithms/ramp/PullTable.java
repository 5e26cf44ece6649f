package org.drpkit.algorithms.ramp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Pull statistics per true-rate bin, and a writer of the table to target/ for the record. */
final class PullTable {

    final double[] rates;
    final long[] count;
    final double[] sumPull;
    final double[] sumPull2;
    final double[] sumErr;
    final double[] sumErr2;

    PullTable(double[] rates) {
        this.rates = rates;
        int b = rates.length;
        count = new long[b];
        sumPull = new double[b];
        sumPull2 = new double[b];
        sumErr = new double[b];
        sumErr2 = new double[b];
    }

    void add(int bin, double rate, double truth, double ivar) {
        double err = rate - truth;
        double pull = err * Math.sqrt(ivar);
        count[bin]++;
        sumPull[bin] += pull;
        sumPull2[bin] += pull * pull;
        sumErr[bin] += err;
        sumErr2[bin] += err * err;
    }

    double meanPull(int b) {
        return sumPull[b] / count[b];
    }

    double stdPull(int b) {
        double m = meanPull(b);
        return Math.sqrt(sumPull2[b] / count[b] - m * m);
    }

    /** @return mean error in units of the empirical scatter of the rate: the estimator's bias, free of its sigma */
    double biasInSigma(int b) {
        double m = sumErr[b] / count[b];
        return m / Math.sqrt(sumErr2[b] / count[b] - m * m);
    }

    long total() {
        long t = 0;
        for (long c : count) {
            t += c;
        }
        return t;
    }

    String format(String title) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%10s %9s %10s %9s %11s%n", "rate", "ramps", "mean pull", "std pull",
                "bias/sigma"));
        for (int b = 0; b < rates.length; b++) {
            sb.append(String.format(Locale.ROOT, "%10.3f %9d %+10.4f %9.4f %+11.4f%n", rates[b], count[b], meanPull(b),
                    stdPull(b), biasInSigma(b)));
        }
        return sb.toString();
    }

    static void write(String name, String text) {
        try {
            Path dir = Path.of("target");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
