package org.drpkit.instruments.keck;

/**
 * The switches that set one Keck instrument's fix chain apart from the family's standard one, as one declaration
 * instead of a method to override for each.
 *
 * <pre>{@code
 * KeckSwitches.STANDARD                          // frame numbers from the header, no title card
 * KeckSwitches.STANDARD.withoutFrameNumbers().withTitleCard()   // KPF
 * }</pre>
 *
 * @param frameNumbers            the instrument numbers its frames: the FRAMENO rule runs
 * @param frameNumberFromFileName the frame number comes from the file name, not a keyword (the guiders)
 * @param titleCard               the program title is written as a PROGTITL card too, not only to the metadata
 */
public record KeckSwitches(boolean frameNumbers, boolean frameNumberFromFileName, boolean titleCard) {

    /** The family's standard: frame numbers from the header, no title card. */
    public static final KeckSwitches STANDARD = new KeckSwitches(true, false, false);

    /** @return these switches without the FRAMENO rule */
    public KeckSwitches withoutFrameNumbers() {
        return new KeckSwitches(false, frameNumberFromFileName, titleCard);
    }

    /** @return these switches taking the frame number from the file name */
    public KeckSwitches withFrameNumberFromFileName() {
        return new KeckSwitches(frameNumbers, true, titleCard);
    }

    /** @return these switches writing the PROGTITL card */
    public KeckSwitches withTitleCard() {
        return new KeckSwitches(frameNumbers, frameNumberFromFileName, true);
    }
}
