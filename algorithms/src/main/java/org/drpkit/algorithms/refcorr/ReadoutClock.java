package org.drpkit.algorithms.refcorr;

import java.util.ArrayList;
import java.util.List;
import org.drpkit.core.instrument.Amplifier;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.ReadoutDirection;
import org.drpkit.core.instrument.Region;

/**
 * The pixel clock of an H2RG-style chip: all outputs (the amplifiers, then the reference output if any) read one
 * pixel each per tick, row after row, each in its own fast-scan direction. Tick p of a row is column
 * {@code x0 + p} of an output reading +x and {@code x0 + width - 1 - p} of one reading -x; so the reference output
 * (+x) lines up with amplifiers 1 and 3 as is and with amplifiers 2 and 4 once flipped. Noise that all outputs
 * share (1/f from the common bias) is a function of the tick, which is what the simulator injects and the
 * row-noise correction removes. Amplifiers reading along y are not supported (APOGEE and NIRC2-like chips read
 * along x).
 *
 * <pre>{@code
 * ReadoutClock c = ReadoutClock.of(H2rgLayout.apogee("R"));
 * c.column(1, 0);   // 1023: amplifier 2 reads -x and starts at its right edge
 * c.column(4, 0);   // 2048: the reference output starts at its left edge
 * }</pre>
 */
public final class ReadoutClock {

    private final int[] x0;
    private final int[] width;
    private final boolean[] minus;
    private final int ticks;
    private final int amplifiers;
    private final boolean referenceOutput;

    private ReadoutClock(List<Region> regions, List<Boolean> minus, int amplifiers, boolean ref) {
        int m = regions.size();
        x0 = new int[m];
        width = new int[m];
        this.minus = new boolean[m];
        int t = 0;
        for (int o = 0; o < m; o++) {
            x0[o] = regions.get(o).x0();
            width[o] = regions.get(o).width();
            this.minus[o] = minus.get(o);
            t = Math.max(t, width[o]);
        }
        ticks = t;
        this.amplifiers = amplifiers;
        this.referenceOutput = ref;
    }

    /**
     * @return the clock of a chip: its amplifiers in order, then its reference output (reading +x)
     * @throws IllegalArgumentException when an amplifier reads along y
     */
    public static ReadoutClock of(Chip chip) {
        List<Region> regions = new ArrayList<>();
        List<Boolean> minus = new ArrayList<>();
        for (Amplifier a : chip.amplifiers()) {
            if (a.direction() == ReadoutDirection.PLUS_Y || a.direction() == ReadoutDirection.MINUS_Y) {
                throw new IllegalArgumentException("amplifier " + a.name() + " of chip " + chip.name()
                        + " reads along y; the readout clock supports x only");
            }
            regions.add(a.region());
            minus.add(a.direction() == ReadoutDirection.MINUS_X);
        }
        chip.referenceOutput().ifPresent(r -> {
            regions.add(r);
            minus.add(false);
        });
        return new ReadoutClock(regions, minus, chip.amplifiers().size(), chip.referenceOutput().isPresent());
    }

    /** @return outputs: the amplifiers, then the reference output if present */
    public int outputs() {
        return x0.length;
    }

    /** @return the number of amplifiers (outputs {@code 0 .. amplifiers-1}) */
    public int amplifiers() {
        return amplifiers;
    }

    /** @return the index of the reference output, or -1 when the chip has none */
    public int referenceOutput() {
        return referenceOutput ? x0.length - 1 : -1;
    }

    /** @return ticks per row: the widest output */
    public int ticksPerRow() {
        return ticks;
    }

    /** @return the column output o reads at tick p of a row, or -1 when the output is narrower than p */
    public int column(int output, int p) {
        if (p >= width[output]) {
            return -1;
        }
        return minus[output] ? x0[output] + width[output] - 1 - p : x0[output] + p;
    }

    /** @return the output reading column x, or -1 */
    public int outputOf(int x) {
        for (int o = 0; o < x0.length; o++) {
            if (x >= x0[o] && x < x0[o] + width[o]) {
                return o;
            }
        }
        return -1;
    }

    /** @return the first column of output o */
    public int x0(int output) {
        return x0[output];
    }

    /** @return the columns of output o */
    public int width(int output) {
        return width[output];
    }

    /** @return true when output o reads -x */
    public boolean readsMinusX(int output) {
        return minus[output];
    }
}
