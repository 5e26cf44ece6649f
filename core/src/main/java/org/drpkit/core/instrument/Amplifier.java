package org.drpkit.core.instrument;

import java.util.Objects;

/**
 * One readout amplifier of a chip: the pixels it reads and the direction it clocks them out.
 *
 * <pre>{@code
 * new Amplifier("2", Region.of(512, 0, 512, 2048), ReadoutDirection.MINUS_X)
 * }</pre>
 *
 * @param name      amplifier name, e.g. {@code "1"} or {@code "AMP2"}
 * @param region    the pixels it reads, in the chip's image coordinates
 * @param direction the fast-scan direction
 */
public record Amplifier(String name, Region region, ReadoutDirection direction) {

    /** Checks for nulls. */
    public Amplifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(direction, "direction");
    }
}
