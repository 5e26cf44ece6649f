package org.drpkit.algorithms.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A night's stability table: one {@link ExposureQa} per exposure, and the night's numbers over them: wavelength
 * stability (rms of the exposures' shifts, m/s), flux stability (relative rms of their flux scales and rms of their
 * zero points), the sky flux over the field (mean of the exposures' field rms) and the line-spread function's
 * evolution (its range over the night), and the sky fibres' fibre-aperture over PSF flux. Statistics skip NaN. {@link #columns()} gives the table for a writer
 * (the CLI writes text or a FITS binary table).
 *
 * <pre>{@code
 * NightQa qa = NightQa.of("apo/60000", rows);
 * qa.velocityRms();   // m/s
 * qa.toText();        // a tab-separated table with a header
 * }</pre>
 *
 * @param night     the night's name
 * @param exposures one row per exposure, in time order
 */
public record NightQa(String night, List<ExposureQa> exposures) {

    /** Copies the rows. */
    public NightQa {
        Objects.requireNonNull(night, "night");
        exposures = List.copyOf(exposures);
    }

    /**
     * @param night the night's name
     * @param rows  one per exposure
     * @return the table
     */
    public static NightQa of(String night, List<ExposureQa> rows) {
        return new NightQa(night, rows);
    }

    /**
     * One column of the table.
     *
     * @param name   column name
     * @param unit   unit ("" for none)
     * @param values one per exposure (NaN: not measured)
     */
    public record Column(String name, String unit, double[] values) {
    }

    /** @return the numeric columns, in table order (the exposure names are {@link #names()}) */
    public List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("MJD", "d", values(ExposureQa::mjd)));
        c.add(new Column("VELOCITY", "m/s", values(ExposureQa::velocity)));
        c.add(new Column("VELOCITY_ERR", "m/s", values(ExposureQa::velocityError)));
        c.add(new Column("FLUX_SCALE", "", values(ExposureQa::fluxScale)));
        c.add(new Column("FLUX_SCALE_ERR", "", values(ExposureQa::fluxScaleError)));
        c.add(new Column("ZERO_POINT", "mag", values(ExposureQa::zeroPoint)));
        c.add(new Column("SKY_LEVEL", "DN/read/px", values(ExposureQa::skyLevel)));
        c.add(new Column("SKY_FIELD_RMS", "", values(ExposureQa::skyFieldRms)));
        c.add(new Column("LSF_SIGMA", "px", values(ExposureQa::lsfSigma)));
        c.add(new Column("APERTURE_OVER_PSF", "", values(ExposureQa::apertureOverPsf)));
        return c;
    }

    /** @return the exposure names */
    public List<String> names() {
        return exposures.stream().map(ExposureQa::exposure).toList();
    }

    private double[] values(ToDoubleFunction<ExposureQa> f) {
        return exposures.stream().mapToDouble(f).toArray();
    }

    private static double rms(double[] v, boolean relative) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                sum += x;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double sq = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                sq += (x - mean) * (x - mean);
            }
        }
        double r = Math.sqrt(sq / n);
        return relative ? r / mean : r;
    }

    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return hi >= lo ? hi - lo : Double.NaN;
    }

    /** @return rms of the exposures' wavelength shifts about their mean, m/s (NaN with fewer than 2) */
    public double velocityRms() {
        return rms(values(ExposureQa::velocity), false);
    }

    /** @return relative rms of the exposures' flux scales */
    public double fluxRms() {
        return rms(values(ExposureQa::fluxScale), true);
    }

    /** @return rms of the exposures' zero points, mag */
    public double zeroPointRms() {
        return rms(values(ExposureQa::zeroPoint), false);
    }

    /** @return mean over the exposures of the sky fibres' relative rms across the field */
    public double skyFieldRms() {
        double s = 0;
        int n = 0;
        for (ExposureQa q : exposures) {
            if (Double.isFinite(q.skyFieldRms())) {
                s += q.skyFieldRms();
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** @return the line-spread width's range over the night, pixels */
    public double lsfRange() {
        return range(values(ExposureQa::lsfSigma));
    }

    /** @return the table as tab-separated text: a {@code #} line with the night's numbers, a header, one row each */
    public String toText() {
        StringBuilder sb = new StringBuilder("# ").append(this).append('\n').append("EXPOSURE");
        List<Column> cols = columns();
        for (Column c : cols) {
            sb.append('\t').append(c.name()).append(c.unit().isEmpty() ? "" : "[" + c.unit() + "]");
        }
        sb.append('\n');
        for (int r = 0; r < exposures.size(); r++) {
            sb.append(exposures.get(r).exposure());
            for (Column c : cols) {
                sb.append('\t').append(String.format(Locale.ROOT, "%.6g", c.values()[r]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NightQa[%s, %d exposures: wavelength rms %.1f m/s, flux rms %.2f%%, "
                + "zero point rms %.4f mag, sky field rms %.2f%%, LSF range %.3f px]", night, exposures.size(),
                velocityRms(), 100 * fluxRms(), zeroPointRms(), 100 * skyFieldRms(), lsfRange());
    }
}
