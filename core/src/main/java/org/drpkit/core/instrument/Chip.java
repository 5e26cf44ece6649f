package org.drpkit.core.instrument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The layout of one detector chip: size, pixel size, amplifiers, reference pixels and light-sensitive area.
 *
 * <pre>{@code
 * Chip c = Chip.simple("CCD1", 0, 2048, 4096, 15.0);   // one amplifier, no reference pixels
 * c.amplifierAt(100, 100).name();                     // "1"
 * }</pre>
 *
 * @param name               chip name, e.g. {@code "R"} or {@code "CCD3"}
 * @param hdu                index of the HDU holding the chip's pixels (0 = primary), or -1 when not tied to one
 * @param width              columns of the chip's image (NAXIS1)
 * @param height             rows of the chip's image (NAXIS2)
 * @param pixelSizeMicrons   physical pixel pitch in micrometres, or 0 when unknown
 * @param amplifiers         the amplifiers, covering the readable area
 * @param referenceBorder    width in pixels of the reference-pixel border on every side (0 if none)
 * @param referenceOutput    the columns of an extra reference output (APOGEE's 5th output), if any
 * @param lightSensitive     the light-sensitive area
 * @param detectorSection    where the chip sits in the instrument mosaic (FITS DETSEC), if known
 */
public record Chip(String name, int hdu, int width, int height, double pixelSizeMicrons, List<Amplifier> amplifiers,
        int referenceBorder, Optional<Region> referenceOutput, Region lightSensitive,
        Optional<Region> detectorSection) {

    /** Copies the amplifier list and checks that amplifiers and areas lie inside the chip. */
    public Chip {
        Objects.requireNonNull(name, "name");
        amplifiers = List.copyOf(amplifiers);
        Objects.requireNonNull(referenceOutput, "referenceOutput");
        Objects.requireNonNull(lightSensitive, "lightSensitive");
        Objects.requireNonNull(detectorSection, "detectorSection");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chip " + name + " has size " + width + "x" + height);
        }
        Region whole = Region.of(0, 0, width, height);
        for (Amplifier a : amplifiers) {
            requireInside(whole, a.region(), "amplifier " + a.name());
        }
        requireInside(whole, lightSensitive, "light-sensitive area");
        referenceOutput.ifPresent(r -> requireInside(whole, r, "reference output"));
        if (referenceBorder < 0 || 2 * referenceBorder > Math.min(width, height)) {
            throw new IllegalArgumentException("reference border " + referenceBorder + " does not fit chip " + name);
        }
    }

    /** @return a chip of one amplifier reading +x, no reference pixels, fully light-sensitive */
    public static Chip simple(String name, int hdu, int width, int height, double pixelSizeMicrons) {
        Region all = Region.of(0, 0, width, height);
        return new Chip(name, hdu, width, height, pixelSizeMicrons,
                List.of(new Amplifier("1", all, ReadoutDirection.PLUS_X)), 0, Optional.empty(), all, Optional.empty());
    }

    /** @return the amplifier reading pixel (x, y), if any */
    public Optional<Amplifier> amplifierAt(int x, int y) {
        for (Amplifier a : amplifiers) {
            if (a.region().contains(x, y)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** @return true when (x, y) is in the reference-pixel border (inside the amplifier area) */
    public boolean isReferencePixel(int x, int y) {
        int b = referenceBorder;
        if (b == 0) {
            return false;
        }
        int xmax = referenceOutput.map(Region::x0).orElse(width);
        return x < xmax && (x < b || x >= xmax - b || y < b || y >= height - b);
    }

    private static void requireInside(Region whole, Region r, String what) {
        if (r.x1() > whole.x1() || r.y1() > whole.y1()) {
            throw new IllegalArgumentException(what + " " + r + " outside the chip " + whole);
        }
    }
}
