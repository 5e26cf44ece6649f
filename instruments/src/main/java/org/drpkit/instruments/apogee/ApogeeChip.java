package org.drpkit.instruments.apogee;

import java.util.Optional;

/**
 * The three APOGEE detectors: raw letters a, b, c are the reduction's R (red, longest wavelengths), G and B.
 *
 * <pre>{@code
 * ApogeeChip.ofLetter('b');   // Optional[G]
 * ApogeeChip.R.letter();      // 'a'
 * }</pre>
 */
public enum ApogeeChip {
    /** Red chip, raw letter a, 16454-16960 Angstrom. */
    R('a'),
    /** Green chip, raw letter b, 15834-16454 Angstrom. */
    G('b'),
    /** Blue chip, raw letter c, 15125-15834 Angstrom. */
    B('c');

    private final char letter;

    ApogeeChip(char letter) {
        this.letter = letter;
    }

    /** @return the raw-file letter */
    public char letter() {
        return letter;
    }

    /** @return the chip of a raw-file letter */
    public static Optional<ApogeeChip> ofLetter(char c) {
        for (ApogeeChip chip : values()) {
            if (chip.letter == c) {
                return Optional.of(chip);
            }
        }
        return Optional.empty();
    }
}
