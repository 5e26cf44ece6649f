package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.DomeFlat;
import org.drpkit.instruments.keck.common.MosaicLayout;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.CommonRules;
import org.drpkit.instruments.keck.service.ImageMeans;

/**
 * MOSFIRE, the Keck I multi-object near-infrared spectrograph (koa-dep 4.7). Prefix {@code MF}; OFNAME from
 * DATAFILE, FRAMENO from FRAMENUM.
 *
 * <p>Fixes: ELAPTIME = TRUITIME x COADDS (4 decimals); KOAIMTYP from OBSMODE, the arc lamps (PWSTATA7/8), the dust
 * cover (MDCMECH/MDCSTAT/MDCNAME), the flat lamps and the dome-flat position, and, for a dome flat the header
 * cannot place, the image mean from the context's {@link ImageMeans} (lamp on above 500 DN); WAVEBLUE/CNTR/RED
 * (um, 3 decimals) from the filter table. A file carries target information when an HDU is a table (the mask
 * design).
 *
 * <pre>{@code
 * new Mosfire().fix(raw, ctx);   // KOAID MF.20200101.12345.67, FILTER H -> WAVEBLUE 1.467, WAVERED 1.808
 * }</pre>
 */
public final class Mosfire extends KeckInstrument {

    /** Filter centre and FWHM in um. */
    private static final Map<String, double[]> FILTERS = Map.of("Y", new double[] {1.048, 0.152},
            "J", new double[] {1.253, 0.200}, "H", new double[] {1.637, 0.341}, "K", new double[] {2.162, 0.483},
            "Ks", new double[] {2.147, 0.314}, "J2", new double[] {1.181, 0.129}, "J3", new double[] {1.288, 0.122},
            "H1", new double[] {1.556, 0.165}, "H2", new double[] {1.709, 0.167});

    @Override
    public String name() {
        return "MOSFIRE";
    }

    @Override
    protected int homeTelescope() {
        return 1;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "DATAFILE").map("FRAMENO", "FRAMENUM").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Optional.of("MF");
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        return CommonRules.product(h, "TRUITIME", "COADDS", 4);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        boolean arc = Values.numberIs(h, "PWSTATA7", 1) || Values.numberIs(h, "PWSTATA8", 1);
        String mode = Values.lower(h, "OBSMODE");
        if (mode.contains("dark") && !arc) {
            return "dark";
        }
        String cover = Values.lower(h, "MDCMECH").equals("dust cover") && Values.lower(h, "MDCSTAT").equals("ok")
                ? Values.lower(h, "MDCNAME") : "";
        boolean domeFlat = DomeFlat.isAtDomeFlat(h, 1);
        String type = "undefined";
        if (cover.equals("closed")) {
            if (mode.contains("spectroscopy") && arc) {
                type = "arclamp";
            }
        } else if (cover.equals("open")) {
            type = "object";
            if (Values.numberIs(h, "FLATSPEC", 1) || Values.isOn(h, "FLIMAGIN") || Values.isOn(h, "FLSPECTR")) {
                type = "flatlamp";
            } else if (domeFlat) {
                type = "flatlampoff";
            }
        }
        if (type.equals("undefined") && domeFlat) {
            OptionalDouble mean = ImageMeans.from(ctx).mean(0);
            if (mean.isPresent()) {
                type = mean.getAsDouble() > 500 ? "flatlamp" : "flatlampoff";
            }
        }
        return type;
    }

    /** A MOSFIRE file has target information when one of its HDUs is not an image (the mask design tables). */
    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return MosaicLayout.hasTable(ctx.hdus());
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("mosfire.wavelengths", (h, ctx) -> {
            double[] f = FILTERS.get(Values.text(h, "FILTER").orElse(""));
            Double blue = f == null ? null : Values.round(f[0] - f[1] / 2, 3);
            Double red = f == null ? null : Values.round(f[0] + f[1] / 2, 3);
            return h.toBuilder().fix("WAVEBLUE", blue, "KOA: Blue end wavelength", "mosfire.wavelengths")
                    .fix("WAVECNTR", f == null ? null : f[0], "KOA: Center wavelength", "mosfire.wavelengths")
                    .fix("WAVERED", red, "KOA: Red end wavelength", "mosfire.wavelengths").build();
        }));
    }
}
