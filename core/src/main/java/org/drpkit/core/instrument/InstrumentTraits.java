package org.drpkit.core.instrument;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The per-instrument switches an archive ingest asks about a fixed header, gathered in one record instead of a hook
 * each: the saturation level (for the count of saturated pixels), whether image statistics make sense, and whether
 * named table HDUs are written as extension metadata tables. {@link #DEFAULT} is: level unknown, statistics on,
 * extension tables off.
 *
 * <pre>{@code
 * InstrumentTraits t = InstrumentTraits.DEFAULT.withSaturationLevel(65535).withExtensionTables(true);
 * t.saturationLevel();    // OptionalDouble[65535.0]
 * }</pre>
 *
 * @param saturationLevel the pixel value (DN) at and above which a pixel counts as saturated, when known
 * @param imageStatistics false when image statistics make no sense for the file (e.g. unprocessed cubes)
 * @param extensionTables true when named table HDUs are written as extension metadata tables
 */
public record InstrumentTraits(OptionalDouble saturationLevel, boolean imageStatistics, boolean extensionTables) {

    /** Saturation level unknown, image statistics on, no extension tables. */
    public static final InstrumentTraits DEFAULT = new InstrumentTraits(OptionalDouble.empty(), true, false);

    /** Checks for null. */
    public InstrumentTraits {
        Objects.requireNonNull(saturationLevel, "saturationLevel");
    }

    /** @return these traits with a saturation level (DN) */
    public InstrumentTraits withSaturationLevel(double level) {
        return new InstrumentTraits(OptionalDouble.of(level), imageStatistics, extensionTables);
    }

    /** @return these traits with image statistics on or off */
    public InstrumentTraits withImageStatistics(boolean on) {
        return new InstrumentTraits(saturationLevel, on, extensionTables);
    }

    /** @return these traits with extension tables on or off */
    public InstrumentTraits withExtensionTables(boolean on) {
        return new InstrumentTraits(saturationLevel, imageStatistics, on);
    }
}
