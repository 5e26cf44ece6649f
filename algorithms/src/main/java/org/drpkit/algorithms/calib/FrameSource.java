package org.drpkit.algorithms.calib;

import java.util.List;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.image.MaskedImage;

/**
 * A stack of same-shape 2D frames (flux, inverse variance and flags) read in row bands, so a stacking stage never
 * needs every frame in memory at once.
 *
 * <p>{@link #of(List)} wraps frames already in memory and returns zero-copy views. A file-backed implementation
 * (see the {@code drpkit calib} command) fills the scratch it is given. Implementations must allow concurrent
 * calls for different bands and frames (the stages read bands from several threads).
 *
 * <pre>{@code
 * FrameSource darks = FrameSource.of(List.of(rate1, rate2, rate3));
 * DarkCalibration d = DarkStack.build(darks, chip, DarkParams.defaults());
 * }</pre>
 */
public interface FrameSource {

    /** @return the number of frames */
    int count();

    /** @return pixels per row of every frame */
    int width();

    /** @return rows of every frame */
    int height();

    /**
     * Returns rows {@code y0 .. y0+rows-1} of frame {@code frame}: flux, inverse variance (0 = no information)
     * and flag bits.
     *
     * @param scratch a compact {@code width() x rows} masked image the source may fill and return; an in-memory
     *                source returns a view of its frame instead. The caller owns it and does not share it between
     *                threads.
     * @return the rows, {@code width() x rows}, valid until the next call with the same scratch
     * @throws DrpException when the rows cannot be read (e.g. a truncated file)
     */
    MaskedImage rows(int frame, int y0, int rows, MaskedImage scratch) throws DrpException;

    /** @return a name for messages, such as the file the frame came from */
    default String name(int frame) {
        return "frame " + frame;
    }

    /**
     * Wraps frames held in memory (no copy).
     *
     * @throws DrpException {@code CALIB_NO_FRAMES} for an empty list, {@code CALIB_SHAPE_MISMATCH} when the frames do
     *                      not share one shape
     */
    static FrameSource of(List<MaskedImage> frames) throws DrpException {
        if (frames.isEmpty()) {
            throw new DrpException(CalibErrorCode.CALIB_NO_FRAMES, Location.NOWHERE, "no frames to stack");
        }
        List<MaskedImage> list = List.copyOf(frames);
        MaskedImage first = list.get(0);
        for (int i = 1; i < list.size(); i++) {
            MaskedImage f = list.get(i);
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new DrpException(CalibErrorCode.CALIB_SHAPE_MISMATCH, Location.NOWHERE, "frame " + i + " is "
                        + f.width() + "x" + f.height() + " but frame 0 is " + first.width() + "x" + first.height()
                        + "; stack only frames of one shape");
            }
        }
        return new FrameSource() {
            @Override
            public int count() {
                return list.size();
            }

            @Override
            public int width() {
                return first.width();
            }

            @Override
            public int height() {
                return first.height();
            }

            @Override
            public MaskedImage rows(int frame, int y0, int rows, MaskedImage scratch) {
                return list.get(frame).rows(y0, rows);
            }

            @Override
            public String toString() {
                return "FrameSource[" + list.size() + " frames of " + first.width() + "x" + first.height()
                        + " in memory]";
            }
        };
    }
}
