package org.drpkit.core.lines;

import java.util.Objects;

/**
 * One row of an APOGEE arc-lamp line list ({@code UNe.vac.apogee}, {@code tharne.lines.vac.apogee}): where the line
 * falls on which chip, its vacuum wavelength, and whether it is fit for a wavelength solution.
 *
 * <pre>{@code
 * ArcLine l = new ArcLine("3", 1, 90.78, 16936.004, 7441, "UI", true, -1);
 * l.blended();   // false: WAVEGROUP -1 is a line of its own
 * }</pre>
 *
 * @param id         the list's ID (a running number, sometimes with a letter: "18b")
 * @param chip       CHIPNUM: 1 red, 2 green, 3 blue
 * @param xpix       XPIX: the column where the list's reference spectrum has the line (the list's own zero point;
 *                   a given spectrum may be shifted against it by a few columns)
 * @param wavelength WAVE: vacuum wavelength, Angstrom
 * @param flux       FLUX: relative intensity in the reference spectrum
 * @param species    NAME (e.g. "UI", "NeI"), "" when the list has none
 * @param useWave    USEWAVE = 1: the list's authors judged the line clean enough for a wavelength solution
 * @param group      WAVEGROUP: lines of one blend share a positive group number; -1 for an isolated line
 */
public record ArcLine(String id, int chip, double xpix, double wavelength, double flux, String species, boolean useWave,
        int group) {

    /** Checks the wavelength (finite, positive), the id and the species (not null). */
    public ArcLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(species, "species");
        if (!(wavelength > 0) || !Double.isFinite(wavelength) || !Double.isFinite(xpix) || !Double.isFinite(flux)) {
            throw new IllegalArgumentException("line " + id + ": wavelength " + wavelength + ", XPIX " + xpix
                    + ", flux " + flux);
        }
    }

    /** @return whether the line belongs to a blend group (WAVEGROUP > 0) */
    public boolean blended() {
        return group > 0;
    }

    @Override
    public String toString() {
        return String.format("ArcLine[%s %s %.3f A, chip %d at x=%.2f%s%s]", id, species, wavelength, chip, xpix,
                useWave ? ", used for wavelengths" : "", group > 0 ? ", blend group " + group : "");
    }
}
