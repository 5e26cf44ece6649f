package org.drpkit.core.image;

import org.drpkit.core.error.DrpException;

/** A {@link RampSource} seen with another {@link ReadPattern}; everything else is the wrapped source's. */
final class PatternedSource implements RampSource {

    private final RampSource source;
    private final ReadPattern pattern;

    PatternedSource(RampSource source, ReadPattern pattern) {
        this.source = source instanceof PatternedSource p ? p.source : source;
        this.pattern = pattern;
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public int reads() {
        return source.reads();
    }

    @Override
    public double[] readTimes() {
        return source.readTimes();
    }

    @Override
    public void readRows(int y0, int rows, float[][] dest) throws DrpException {
        source.readRows(y0, rows, dest);
    }

    @Override
    public boolean holdsPlanes() {
        return source.holdsPlanes();
    }

    @Override
    public float[] plane(int read) {
        return source.plane(read);
    }

    @Override
    public int planeOffset() {
        return source.planeOffset();
    }

    @Override
    public ReadPattern pattern() {
        return pattern;
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return source + " with " + pattern;
    }
}
