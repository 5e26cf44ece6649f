package org.drpkit.archive;

import java.util.List;
import java.util.OptionalDouble;
import org.drpkit.algorithms.qa.ImageStatistics;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.SizeGuard;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.fits.FitsReader;
import org.drpkit.fits.HduInfo;

/**
 * The data-quality step: reads the science image and, when its header is the one the plugin
 * fixed, writes IMAGEMN, IMAGEMD, IMAGESD, NPIXSAT (at the plugin's saturation level, else SATURATE) and NLINEAR (at
 * NONLIN, where the plugin wrote it) into that header through the fix log. The science image is the fixed HDU's when
 * it holds an uncompressed image, else the first image extension (APOGEE raw files keep their reads there); its first
 * plane is kept for the preview. Statistics cover every plane, as the archive's do.
 */
final class Dqa {

    /**
     * What the step produced.
     *
     * @param header     the header, with the statistics cards when computed
     * @param preview    the first plane of the science image, or null when there is none
     * @param statistics the statistics, or null when not computed
     * @param note       what was done, for an event
     */
    record Outcome(Header header, Image preview, ImageStatistics.Result statistics, String note) {
    }

    private Dqa() {
    }

    static Outcome run(FitsReader reader, int fixedHdu, Header header, InstrumentPlugin plugin) throws DrpException {
        List<HduInfo> hdus = reader.hdus();
        HduInfo sci = scienceHdu(hdus, fixedHdu);
        if (sci == null) {
            return new Outcome(header, null, null, "no uncompressed image in the file: no statistics, no preview");
        }
        if (!plugin.traits(header).imageStatistics()) {
            return new Outcome(header, null, null, plugin.name() + " wants no statistics or preview for this file");
        }
        int nx = (int) sci.axis(1);
        int ny = (int) sci.axis(2);
        long planes = 1;
        for (int k = 3; k <= sci.naxis(); k++) {
            planes *= sci.axis(k);
        }
        boolean own = sci.index() == fixedHdu;
        long n = (long) nx * ny * (own ? planes : 1);
        SizeGuard.requireWithin(4 * n, SizeGuard.defaultLimitBytes(),
                Location.file(reader.path().toString()).hdu(sci.index()));
        SizeGuard.checkArray(n, 1);
        float[] px = new float[(int) n];
        for (int p = 0; p < n / ((long) nx * ny); p++) {
            reader.readRows(sci, p, 0, ny, px, p * nx * ny);
        }
        Image first = Image.wrap(px, 0, nx, ny);
        if (!own) {
            return new Outcome(header, first, null, "preview of HDU " + sci.index() + "; no statistics (HDU "
                    + fixedHdu + " holds no image)");
        }
        OptionalDouble sat = plugin.traits(header).saturationLevel();
        double saturation = sat.isPresent() ? sat.getAsDouble() : header.getDouble("SATURATE").orElse(Double.NaN);
        double nonlinear = header.getDouble("NONLIN").orElse(Double.NaN);
        ImageStatistics.Result s = ImageStatistics.of(px, 0, px.length,
                new ImageStatistics.Params(saturation, nonlinear));
        String rule = "dqa.imageStatistics";
        Header.Builder b = header.toBuilder().fix("IMAGEMN", s.imagemn(), "KOA: Image data mean", rule)
                .fix("IMAGESD", s.imagesd(), "KOA: Image data standard deviation", rule)
                .fix("IMAGEMD", s.imagemd(), "KOA: Image data median", rule);
        if (s.saturated() >= 0) {
            b.fix("NPIXSAT", s.saturated(), "KOA: Number of saturated pixels", rule);
        }
        if (s.nonlinear() >= 0) {
            b.fix("NLINEAR", s.nonlinear(), "KOA: Number of non-linear pixels", rule);
        }
        return new Outcome(b.build(), first, s, s.toString()
                + (Double.isNaN(saturation) ? "; no saturation level, NPIXSAT not written" : ""));
    }

    /** @return the fixed HDU when it holds an uncompressed image, else the first image extension, else null */
    static HduInfo scienceHdu(List<HduInfo> hdus, int fixedHdu) {
        if (isImage(hdus.get(fixedHdu))) {
            return hdus.get(fixedHdu);
        }
        for (HduInfo h : hdus) {
            if (isImage(h)) {
                return h;
            }
        }
        return null;
    }

    private static boolean isImage(HduInfo h) {
        return h.isImage() && h.naxis() >= 2 && h.axis(1) > 0 && h.axis(2) > 0;
    }
}
