package org.drpkit.instruments.keck.service;

import java.util.OptionalDouble;
import org.drpkit.core.instrument.FixContext;

/**
 * Pixel statistics a rule may need (MOSFIRE tells a lamp-on dome flat from a lamp-off one by the image mean). The
 * instruments module never reads pixels; an ingest stage that has them provides this in the {@link FixContext}.
 * Without it the rule cannot decide and says so (KOAIMTYP {@code undefined}).
 */
@FunctionalInterface
public interface ImageMeans {

    /** Has no pixels. */
    ImageMeans NONE = hdu -> OptionalDouble.empty();

    /**
     * @param hdu HDU index (0 = primary)
     * @return the mean pixel value of that HDU's image, when known
     */
    OptionalDouble mean(int hdu);

    /** @return the context's statistics, or {@link #NONE} */
    static ImageMeans from(FixContext ctx) {
        return ctx.service(ImageMeans.class).orElse(NONE);
    }
}
