package org.drpkit.algorithms.resample;

/**
 * Flux-conserving rebinning. Input pixel {@code k} spans the interval between the midpoints to its neighbours (half
 * a pixel beyond the first and last centre); output pixel {@code i} spans its grid edges. The output flux density is
 * {@code sum_k f_k o_ik / sum_k o_ik} over the usable input pixels overlapping it by {@code o_ik} Angstrom, and its
 * variance {@code sum_k o_ik^2 var_k / (sum_k o_ik)^2}; the pixel is covered by this chip when the usable overlap is
 * at least {@code minCoverage} of its width. Where usable pixels cover an output pixel fully,
 * {@code F_i width_i = sum_k f_k o_ik}: the integral of flux density over wavelength is conserved exactly.
 */
final class RebinKernel implements ChipKernel {

    private final double minCoverage;

    RebinKernel(double minCoverage) {
        this.minCoverage = minCoverage;
    }

    @Override
    public void addChip(ChipSamples s, GridTables g, FibreAccumulator acc) {
        int n = s.n;
        double[] e = s.edges;
        double[] ge = g.edges();
        int count = ge.length - 1;
        int i = Math.max(0, GridTables.lowerBound(ge, e[0]) - 1);
        int j = 0;
        for (; i < count && ge[i] < e[n]; i++) {
            double lo = ge[i];
            double hi = ge[i + 1];
            while (j < n && e[j + 1] <= lo) {
                j++;
            }
            double sw = 0;
            double sf = 0;
            double sv = 0;
            int used = 0;
            int missed = 0;
            for (int k = j; k < n && e[k] < hi; k++) {
                double o = Math.min(e[k + 1], hi) - Math.max(e[k], lo);
                if (!(o > 0)) {
                    continue;
                }
                if (s.good[k]) {
                    sw += o;
                    sf += o * s.flux[k];
                    sv += o * o * s.var[k];
                    used |= s.flags[k];
                } else {
                    missed |= s.flags[k];
                }
            }
            if (sw > 0 && sw >= minCoverage * (hi - lo) * (1 - 1e-9)) {
                acc.add(i, sf / sw, sv / (sw * sw), used, false);
            } else {
                acc.miss(i, missed);
            }
        }
    }
}
