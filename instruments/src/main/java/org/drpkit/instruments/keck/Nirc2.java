package org.drpkit.instruments.keck;

import org.drpkit.instruments.keck.common.DrpFileNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.DomeFlat;
import org.drpkit.instruments.keck.common.SkyWcs;
import org.drpkit.instruments.keck.common.TanWcs;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.KoaWarningCode;

/**
 * NIRC2, the Keck II adaptive-optics near-infrared camera (koa-dep 4.7). Prefix {@code N2} (INSTRUME exactly
 * {@code NIRC2}); {@code _unp} suffix for unprocessed cubes (LEV0TYPE {@code unprocessed}, or several HDUs when
 * LEV0TYPE is absent). OFNAME comes from FILENAME. Raw frames without INSTRUME are accepted through CURRINST or an
 * OUTDIR containing {@code nirc}.
 *
 * <p>Fixes: WAVEBLUE/WAVECNTR/WAVERED from MINWAVE/CENWAVE/MAXWAVE (um); DETMODE, DISPERS, DETGAIN, DETRN; the WCS
 * (narrow 0.009952, medium 0.019829, wide 0.039686 arcsec/pixel; PA zero points 0.448 narrow, 0.7 otherwise);
 * INSTSTAT from the pre-slits; ISAO; NONLIN = 5000 x COADDS. Quirk Q15 fixed: CD matrix and pixel scales are
 * written as numbers (the keyword tables declare them double), not as text.
 *
 * <pre>{@code
 * Header fixed = new Nirc2().fix(raw, ctx);   // KOAID N2.20170725.51470.75, KOAIMTYP object, SEMESTER 2017A
 * }</pre>
 */
public final class Nirc2 extends KeckInstrument {

    private static final Map<String, Double> SCALE = Map.of("narrow", 0.009952, "medium", 0.019829, "wide", 0.039686);
    private static final Map<String, String> IMTYPE = Map.of("arclamp", "arclamp", "bias", "bias", "calib", "calib",
            "calibration", "calib", "dark", "dark", "domeflat", "domeflat", "flatlamp", "flatlamp", "flatlampoff",
            "flatlampoff", "standard", "object", "object", "object");
    private static final Set<String> MOVING = Set.of("tracking", "slewing", "in position");

    /** The detector's gain and read noise, with the archive's defaults for headers that lack them. */
    private static final KeywordMap DETECTOR = KeywordMap.builder()
            .entry(KeywordMap.Entry.of("DETGAIN").withDefault(4L).withUnit("e-/DN"))
            .entry(KeywordMap.Entry.of("DETRN").withDefault(39L).withUnit("e-")).build();
    private static final TanWcs.Comments WCS_COMMENTS = new TanWcs.Comments("KOA: Reference pixel, horizontal axis",
            "KOA: Reference pixel, vertical axis", "KOA: WCS value at the reference pixel, horizontal axis",
            "KOA: WCS value at the reference pixel, vertical axis", "KOA: WCS Type, horizontal coordinate",
            "KOA: WCS Type, vertical coordinate");
    private static final Map<String, String> DETECTOR_COMMENTS = Map.of("DETGAIN", "KOA: Detector Gain", "DETRN",
            "KOA: Detector Read Noise");

    @Override
    public String name() {
        return "NIRC2";
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "FILENAME").build().with(DETECTOR);
    }

    /** Also accepts a header without INSTRUME whose OUTDIR contains {@code nirc}. */
    @Override
    protected boolean fallbackMatches(Header h) {
        return super.fallbackMatches(h) || Values.text(h, "OUTDIR").orElse("").contains("nirc");
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Values.text(h, "INSTRUME").filter("NIRC2"::equals).map(s -> "N2");
    }

    @Override
    protected String archiveIdSuffix(Header h, FixContext ctx) {
        return isUnprocessed(h, ctx) ? "_unp" : "";
    }

    /** @return true for an unprocessed cube: LEV0TYPE {@code unprocessed}, or several HDUs when LEV0TYPE is absent */
    static boolean isUnprocessed(Header h, FixContext ctx) {
        Optional<String> type = Values.text(h, "LEV0TYPE");
        return type.isPresent() ? type.get().equalsIgnoreCase("unprocessed") : ctx.hdus().size() > 1;
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        String imtype = IMTYPE.get(Values.lower(h, "IMTYPE"));
        if (imtype != null) {
            return imtype;
        }
        if (Values.lower(h, "SHRNAME").equals("closed")) {
            return "dark";
        }
        String obsf = Values.lower(h, "OBSFNAME");
        boolean domeFlat = DomeFlat.isAtDomeFlat(h, 2);
        if (obsf.equals("telescope")) {
            if (Values.isOn(h, "FLIMAGIN") || Values.isOn(h, "FLSPECTR")) {
                return domeFlat ? "flatlamp" : "undefined";
            }
            if (MOVING.contains(Values.lower(h, "DOMESTAT")) && MOVING.contains(Values.lower(h, "AXESTAT"))) {
                return "object";
            }
            return domeFlat ? "flatlampoff" : "undefined";
        }
        if (obsf.equals("telsim")) {
            for (String lamp : List.of("ARGONPWR", "XENONPWR", "KRYPTPWR", "NEONPWR")) {
                if (Values.numberIs(h, lamp, 1)) {
                    return "arclamp";
                }
            }
            return Values.numberIs(h, "LAMPPWR", 1) ? "flatlamp" : "undefined";
        }
        return "calib";
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("nirc2.wavelengths", Nirc2::wavelengths),
                HeaderFixRule.of("nirc2.detector", Nirc2::detector),
                HeaderFixRule.onResult("nirc2.wcs", Nirc2::wcs),
                HeaderFixRule.of("nirc2.instrumentStatus", Nirc2::instrumentStatus));
    }

    /** @return the Keck switches with saturation 18000 DN per coadd; no statistics for {@code _unp} cubes */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(18000.0 * Values.number(fixed, "COADDS").orElse(1))
                .withImageStatistics(!Values.text(fixed, "KOAID").orElse("").contains("_unp"));
    }

    private static Header wavelengths(Header h, FixContext ctx) {
        OptionalDouble min = Values.number(h, "MINWAVE");
        OptionalDouble max = Values.number(h, "MAXWAVE");
        OptionalDouble cen = Values.number(h, "CENWAVE");
        Double blue = min.isPresent() ? min.getAsDouble() : null;
        Double red = max.isPresent() ? max.getAsDouble() : null;
        Double centre = cen.isPresent() ? cen.getAsDouble() : null;
        if (blue != null && blue == 0.0) {
            if (red != null && red == 5.0) {
                blue = 0.9;
            } else if (red != null && red == 0.0 && centre != null && centre == 0.0) {
                blue = null;
                red = null;
                centre = null;
            } else {
                blue = null;
            }
        }
        return h.toBuilder().fix("WAVERED", red, "KOA: Maximum Wavelength", "nirc2.wavelengths")
                .fix("WAVEBLUE", blue, "KOA: Minimum Wavelength", "nirc2.wavelengths")
                .fix("WAVECNTR", centre, "KOA: Center Wavelength", "nirc2.wavelengths").build();
    }

    private static Header detector(Header h, FixContext ctx) {
        String grism = Values.text(h, "GRSNAME").orElse("");
        boolean spec = Set.of("lowres", "medres", "GR1", "GR2").contains(grism);
        String dispers = grism.equals("lowres") ? "low" : grism.equals("medres") ? "medium" : "unknown";
        Header.Builder b = h.toBuilder().fix("DETMODE", spec ? "spec" : "image", "KOA: Detector Mode", "nirc2.detector")
                .fix("DISPERS", dispers, "KOA: Dispersion", "nirc2.detector");
        for (String k : DETECTOR.canonicalNames()) {
            if (!Values.has(h, k)) {
                b.fix(k, DETECTOR.value(h, k).orElseThrow(), DETECTOR_COMMENTS.get(k), "nirc2.detector");
            }
        }
        long coadds = (long) Values.number(h, "COADDS").orElse(1);
        return b.fix("ISAO", "yes", "KOA: AO status", "nirc2.detector")
                .fix("NONLIN", 5000L * coadds, "KOA: 3% nonlinearity level (80% full well)", "nirc2.detector").build();
    }

    private static FixResult wcs(FixResult in, FixContext ctx) {
        Header h = in.header();
        String camera = Values.lower(h, "CAMNAME");
        Double scale = SCALE.get(camera);
        Optional<TanWcs> tan = scale == null ? Optional.empty()
                : TanWcs.of(h, scale, camera.equals("narrow") ? 0.448 : 0.7);
        Header.Builder b = h.toBuilder();
        String rule = "nirc2.wcs";
        if (tan.isEmpty()) {
            for (String k : List.of("PIXSCALE", "PIXSCAL1", "PIXSCAL2", "CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2",
                    "CTYPE1", "CTYPE2", "CD1_1", "CD1_2", "CD2_1", "CD2_2", "RADECSYS")) {
                b.fix(k, null, "KOA: WCS unknown", rule);
            }
            return in.withHeader(b.build()).warn(FixWarning.of(KoaWarningCode.SET_WCS_ERROR, rule, "ROTMODE",
                    "no WCS for camera '" + camera + "', ROTMODE '" + Values.text(h, "ROTMODE").orElse("")
                            + "' (or RA/DEC missing)"));
        }
        TanWcs w = tan.get();
        SkyWcs.Cd cd = w.cd();
        b.fix("PIXSCALE", scale, "KOA: Pixel scale", rule)
                .fix("PIXSCAL1", scale, "KOA: Pixel scale, horizontal axis", rule)
                .fix("PIXSCAL2", scale, "KOA: Pixel scale, vertical axis", rule);
        return in.withHeader(w.writeReference(b, WCS_COMMENTS, rule)
                .fix("WAT0_001", "system=image", "KOA: coordinate system", rule)
                .fix("WAT1_001", "wtype=tan axtype=ra", "KOA: coordinate system", rule)
                .fix("WAT2_001", "wtype=tan axtype=dec", "KOA: coordinate system", rule)
                .fix("WCSDIM", 2L, "KOA: Number of WCS dimensions", rule)
                .fix("LTM1_1", 1.0, "KOA: CCD to image transformation", rule)
                .fix("LTM2_2", 1.0, "KOA: CCD to image transformation", rule)
                .fix("CD1_1", cd.cd11(), "KOA: Coordinate transformation matrix", rule)
                .fix("CD1_2", cd.cd12(), "KOA: Coordinate transformation matrix", rule)
                .fix("CD2_1", cd.cd21(), "KOA: Coordinate transformation matrix", rule)
                .fix("CD2_2", cd.cd22(), "KOA: Coordinate transformation matrix", rule)
                .fix("RADECSYS", w.radecsys(), "KOA: The system of the coordinates", rule)
                .build());
    }

    private static Header instrumentStatus(Header h, FixContext ctx) {
        Optional<String> in = Values.text(h, "PSINAME");
        Optional<String> out = Values.text(h, "PSONAME");
        long status = in.isEmpty() || out.isEmpty() ? -1
                : in.get().equals("blank_center") || out.get().equals("blank_center") ? 0 : 1;
        return h.toBuilder().fix("INSTSTAT", status, "KOA: Instrument Status", "nirc2.instrumentStatus").build();
    }

    /** Level-1 suffixes of the quick-look imager pipeline ({@code koa_imager_lev1}, koa-dep 4.7). */
    static final List<String> LEVEL1 = List.of("_drp.fits.gz", "_drp.fits", "_drp.jpg");

    /**
     * Level 1: {@code KOAID_drp.fits[.gz]} and {@code KOAID_drp.jpg}, as the quick-look pipeline writes them (plus
     * files naming the id in {@code plots/}, {@code redux/}, {@code logs/}); level 2: the default rule.
     */
    @Override
    public Optional<String> drpProduct(String source, String archiveId, int level) {
        return level == 1 ? DrpFileNames.bySuffix(source, archiveId, LEVEL1)
                : super.drpProduct(source, archiveId, level);
    }
}
