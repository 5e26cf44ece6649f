package org.drpkit.algorithms.calib;

import java.util.List;
import java.util.Locale;

/**
 * The result of {@link MaskDiff#compare}: how the bad pixels changed between two masks, by cause and in total.
 *
 * <pre>{@code
 * MaskComparison c = MaskDiff.compare(lastMonth.mask(), tonight.mask());
 * c.total().appeared();   // pixels bad now that were good before
 * }</pre>
 *
 * @param width       mask width
 * @param height      mask height
 * @param causes      one entry per cause bit, in bit order
 * @param total       any cause at all
 * @param appeared    indices {@code y * width + x} of pixels bad now and good before (any cause), ascending
 * @param disappeared indices of pixels good now and bad before, ascending
 */
public record MaskComparison(int width, int height, List<Change> causes, Change total, int[] appeared,
        int[] disappeared) {

    /**
     * Counts for one cause.
     *
     * @param cause       the flag name ({@code "HOT_PIXEL"}, ...; {@code "ANY"} for the total)
     * @param bits        the bit value(s) of the cause
     * @param before      pixels with the cause in the old mask
     * @param after       pixels with the cause in the new mask
     * @param persistent  in both
     * @param appeared    in the new mask only
     * @param disappeared in the old mask only
     */
    public record Change(String cause, int bits, long before, long after, long persistent, long appeared,
            long disappeared) {
    }

    /** Copies the index arrays and the list. */
    public MaskComparison {
        causes = List.copyOf(causes);
        appeared = appeared.clone();
        disappeared = disappeared.clone();
    }

    /** @return a copy of the indices of newly bad pixels */
    @Override
    public int[] appeared() {
        return appeared.clone();
    }

    /** @return a copy of the indices of pixels no longer bad */
    @Override
    public int[] disappeared() {
        return disappeared.clone();
    }

    /** @return the counts of one cause by name, e.g. {@code "HOT_PIXEL"} */
    public Change cause(String name) {
        for (Change c : causes) {
            if (c.cause().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no cause " + name + " in " + causes);
    }

    /** @return a table with one line per cause and the total, for a person */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %9s %9s %11s %9s %11s%n", "cause",
                "before", "after", "persistent", "appeared", "disappeared"));
        for (Change c : causes) {
            sb.append(line(c));
        }
        return sb.append(line(total)).toString();
    }

    private static String line(Change c) {
        return String.format(Locale.ROOT, "%-20s %9d %9d %11d %9d %11d%n", c.cause(), c.before(), c.after(),
                c.persistent(), c.appeared(), c.disappeared());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MaskComparison[%dx%d, bad %d -> %d: persistent=%d, appeared=%d, gone=%d]",
                width, height, total.before(), total.after(), total.persistent(), total.appeared(),
                total.disappeared());
    }
}
