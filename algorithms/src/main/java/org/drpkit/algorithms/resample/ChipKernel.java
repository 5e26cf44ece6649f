package org.drpkit.algorithms.resample;

/** Places one chip of one fibre on the grid; one implementation per {@link ResampleMethod}. Stateless. */
interface ChipKernel {

    /**
     * @param s   the chip's samples in increasing wavelength; not modified
     * @param g   the grid's pixel centres and edges, Angstrom; not modified
     * @param acc the fibre's output so far; receives this chip's estimates
     */
    void addChip(ChipSamples s, GridTables g, FibreAccumulator acc);

    /** @return the kernel of a method */
    static ChipKernel of(ResampleMethod m, ResampleParams p) {
        return switch (m) {
            case LANCZOS4 -> new LanczosKernel();
            case FLUX_CONSERVING -> new RebinKernel(p.minCoverage());
        };
    }
}
