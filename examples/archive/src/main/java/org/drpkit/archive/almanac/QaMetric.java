package org.drpkit.archive.almanac;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One night QA value followed across nights: a keyword of the primary header of one stage's products (the final QA
 * pass's {@link ExpectedProduct}s, so the products of the runlists' exposures), per chip. Metrics are data chosen by
 * instrument; APOGEE's are the QA keywords drpkit's reduction writes into its dark, flat and arc products.
 *
 * <pre>{@code
 * QaMetric.forInstrument("APOGEE").get(0);   // dark DARKMED (DN/read): median dark rate
 * }</pre>
 *
 * @param stage       the product stage ({@link ProductRule#stage}: {@code dark}, {@code flat}, {@code extracted})
 * @param runlist     only products that follow from this runlist ({@code arcs}), {@code ""} for any
 * @param keyword     the primary-header keyword holding the value
 * @param unit        the value's unit ({@code ""} for a count or a ratio)
 * @param description what it measures, for tables and figures
 */
public record QaMetric(String stage, String runlist, String keyword, String unit, String description) {

    /** Checks for nulls and an empty keyword. */
    public QaMetric {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(runlist, "runlist");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (Objects.requireNonNull(keyword, "keyword").isBlank()) {
            throw new IllegalArgumentException("a QA metric needs a keyword");
        }
    }

    /** @return a metric read from any product of a stage */
    public static QaMetric of(String stage, String keyword, String unit, String description) {
        return new QaMetric(stage, "", keyword, unit, description);
    }

    /** @return the same metric, read only from products that follow from {@code runlistName} */
    public QaMetric fromRunlist(String runlistName) {
        return new QaMetric(stage, runlistName, keyword, unit, description);
    }

    /** @return {@code stage KEYWORD}, the metric's name in tables ({@code arcs KEYWORD} when it names a runlist) */
    public String name() {
        return (runlist.isEmpty() ? stage : runlist) + " " + keyword;
    }

    /**
     * APOGEE's metrics: the dark's median rate and its hot and bad pixels ({@code DARKMED}, {@code NHOT},
     * {@code NBADPIX}), the pixel flat's lamp level, response scatter and bad pixels ({@code FLATLVL}, {@code FLATRMS},
     * {@code NBADPIX}), and the arc's wavelength at a reference fibre and column and its median line residual
     * ({@code WAVEREF}, {@code WAVERMS}, {@code LSFSIG}: the LSF's evolution); other instruments have none yet.
     */
    public static List<QaMetric> forInstrument(String name) {
        if (!name.toUpperCase(Locale.ROOT).startsWith("APOGEE")) {
            return List.of();
        }
        return List.of(
                of("dark", "DARKMED", "DN/read", "median dark rate"),
                of("dark", "NHOT", "", "hot pixels in the dark"),
                of("dark", "NBADPIX", "", "bad pixels in the dark's mask"),
                of("flat", "FLATLVL", "DN/read", "internal-flat lamp level"),
                of("flat", "FLATRMS", "", "pixel-response rms of the flat"),
                of("flat", "NBADPIX", "", "bad pixels in the flat's mask"),
                of("extracted", "WAVEREF", "Angstrom", "arc: wavelength at the reference fibre and column")
                        .fromRunlist("arcs"),
                of("extracted", "WAVERMS", "Angstrom", "arc: median line residual rms").fromRunlist("arcs"),
                of("extracted", "LSFSIG", "px", "arc: median line-spread sigma").fromRunlist("arcs"));
    }

    @Override
    public String toString() {
        return name() + (unit.isEmpty() ? "" : " (" + unit + ")") + ": " + description;
    }
}
