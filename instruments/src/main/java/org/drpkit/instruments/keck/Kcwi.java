package org.drpkit.instruments.keck;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.FixWarning;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.MosaicLayout;
import org.drpkit.instruments.keck.common.SkyWcs;
import org.drpkit.instruments.keck.common.TanWcs;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.KoaWarningCode;

/**
 * KCWI, the Keck II integral-field spectrograph (koa-dep 4.7). Prefix by CAMERA: {@code KB} blue, {@code KR} red,
 * {@code KF} focal-plane camera, {@code KS} slit-viewing camera. UTC is read from UT.
 *
 * <p>Fixes: TELESCOP {@code Keck II} when missing; KOAIMTYP ({@code fpc}/{@code svc} cameras, {@code bias} when
 * XPOSURE is 0, else IMTYPE); slicer width and length from IFUNAM; WAVEBLUE/WAVECNTR/WAVERED (Angstrom) and
 * SPECRES from the grating table and central wavelength (nod-and-shuffle masks narrow the band to a third);
 * SPATSCAL = DISPSCAL = 0.147 arcsec x binning (0.0075 for the FPC); and, for the FPC, the WCS. The archive tested
 * CAMERA case-sensitively for the WCS while it lower-cased it for the prefix; drpkit lower-cases both.
 * Layout: one chip read through NVIDINP amplifiers with data sections DSEC1.., direction from the section's x
 * order. Saturation 65535 DN.
 *
 * <pre>{@code
 * new Kcwi().fix(raw, ctx);   // KOAID KB.20190509.07554.57, KOAIMTYP bias, SLITWIDT 0.69, SPATSCAL 0.294
 * }</pre>
 */
public final class Kcwi extends KeckInstrument {

    /** Grating: bandwidth (Angstrom) and SPECRES for the large, medium and small slicers. */
    private record Grating(double bandwidth, double large, double medium, double small) {
    }

    private static final Map<String, Grating> GRATINGS = Map.ofEntries(
            Map.entry("bl", new Grating(2000, 900, 1800, 3600)), Map.entry("bm", new Grating(850, 2000, 4000, 8000)),
            Map.entry("bh3", new Grating(500, 4500, 9000, 18000)), Map.entry("bh2", new Grating(405, 4500, 9000, 18000)),
            Map.entry("bh1", new Grating(400, 4500, 9000, 18000)), Map.entry("rl", new Grating(275, 10500, 7000, 3500)),
            Map.entry("rm1", new Grating(145, 4050, 2700, 1350)), Map.entry("rm2", new Grating(190, 4700, 2800, 1900)),
            Map.entry("rh1", new Grating(60, 1800, 1200, 600)), Map.entry("rh2", new Grating(75, 2025, 1350, 675)),
            Map.entry("rh3", new Grating(90, 2400, 1600, 800)), Map.entry("rh4", new Grating(80, 2775, 1850, 925)));
    private static final Map<String, Double> SLICER_WIDTH = Map.of("large", 1.35, "medium", 0.69, "small", 0.35);
    private static final Map<String, String> PREFIX = Map.of("blue", "KB", "red", "KR", "fpc", "KF", "svc", "KS");

    @Override
    public String name() {
        return "KCWI";
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("UTC", "UT").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        if (!Values.text(h, "INSTRUME").map(KeckInstrument::token).filter("kcwi"::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(PREFIX.get(Values.lower(h, "CAMERA")));
    }

    @Override
    protected List<HeaderFixRule> beforeArchiveId() {
        return List.of(HeaderFixRule.of("kcwi.telescope", (h, ctx) -> Values.has(h, "TELESCOP") ? h
                : h.toBuilder().fix("TELESCOP", "Keck II", "KOA: Telescope", "kcwi.telescope").build()));
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        String camera = Values.lower(h, "CAMERA");
        if (camera.equals("fpc") || camera.equals("svc")) {
            return camera;
        }
        if (Values.numberIs(h, "XPOSURE", 0.0)) {
            return "bias";
        }
        String imtype = Values.lower(h, "IMTYPE");
        return imtype.isEmpty() ? "undefined" : imtype;
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("kcwi.slit", Kcwi::slitAndWavelengths), HeaderFixRule.onResult("kcwi.wcs", Kcwi::wcs));
    }

    /** @return the Keck switches with saturation 65535 DN and no extension tables (the archive writes none) */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(65535).withExtensionTables(false);
    }

    /** One chip (the primary image) with the amplifiers of DSEC1..DSEC{NVIDINP}. */
    @Override
    public ChipLayout layout(List<Header> hdus) throws DrpException {
        Header p = hdus.get(0);
        return ChipLayout.of(MosaicLayout.amplifiersInOneImage(p, 0, Values.text(p, "CAMERA").orElse("KCWI"), "NVIDINP",
                "DSEC"));
    }

    private static Header slitAndWavelengths(Header h, FixContext ctx) {
        String rule = "kcwi.slit";
        String camera = Values.lower(h, "CAMERA");
        String slicer = Values.lower(h, "IFUNAM");
        Double width = SLICER_WIDTH.get(slicer);
        Header.Builder b = h.toBuilder();
        b.fix("SLITWIDT", width, "KOA: Slit width (arcsec)", rule);
        b.fix("SLITLEN", width == null ? null : 20.4, "KOA: Slit length (arcsec)", rule);
        Object blue = null;
        Object centre = null;
        Object red = null;
        Double specres = null;
        double scale;
        if (camera.equals("fpc")) {
            blue = 3700L;
            centre = 6850L;
            red = 10000L;
            scale = 0.0075;
        } else {
            String p = camera.equals("red") ? "R" : "B";
            OptionalDouble cwave = Values.number(h, p + "CWAVE");
            Grating g = GRATINGS.get(Values.lower(h, p + "GRATNAM"));
            if (g != null && cwave.isPresent() && cwave.getAsDouble() > 0) {
                double c = Values.round(cwave.getAsDouble(), 0);
                double half = g.bandwidth() / 2;
                if (Values.lower(h, p + "NASNAM").equals("mask")) {
                    half = Math.ceil(g.bandwidth() / 3 / 100) * 100;
                }
                centre = (long) c;
                blue = Values.integerIfWhole(c - half);
                red = Values.integerIfWhole(c + half);
                specres = slicer.equals("large") ? g.large() : slicer.equals("medium") ? g.medium()
                        : slicer.equals("small") ? g.small() : null;
            }
            int[] bin = Values.binning(Values.text(h, "BINNING").orElse(""));
            scale = 0.147 * (bin.length > 0 ? bin[0] : 1);
        }
        return b.fix("WAVEBLUE", blue, "KOA: Blue end wavelength", rule)
                .fix("WAVECNTR", centre, "KOA: Center wavelength", rule)
                .fix("WAVERED", red, "KOA: Red end wavelength", rule)
                .fix("SPECRES", specres, "KOA: Nominal spectral resolution", rule)
                .fix("SPATSCAL", scale, "KOA: CCD pixel scale, spatial", rule)
                .fix("DISPSCAL", scale, "KOA: CCD pixel scale, dispersion", rule).build();
    }

    private static final TanWcs.Comments WCS_COMMENTS = new TanWcs.Comments("KOA: Reference pixel",
            "KOA: Reference pixel", "KOA: Reference pixel value", "KOA: Reference pixel value", "KOA: WCS type",
            "KOA: WCS type");

    private static FixResult wcs(FixResult in, FixContext ctx) {
        Header h = in.header();
        if (!Values.lower(h, "CAMERA").equals("fpc")) {
            return in;
        }
        String rule = "kcwi.wcs";
        int[] bin = Values.binning(Values.text(h, "BINNING").orElse(""));
        Optional<TanWcs> tan = TanWcs.of(h, 0.0075 * (bin.length > 0 ? bin[0] : 1), 0.7);
        if (tan.isEmpty()) {
            return in.warn(FixWarning.of(KoaWarningCode.SET_WCS_ERROR, rule, "ROTMODE",
                    "no WCS for ROTMODE '" + Values.text(h, "ROTMODE").orElse("") + "' (or RA/DEC missing)"));
        }
        TanWcs w = tan.get();
        SkyWcs.Cd cd = w.cd();
        Header.Builder b = h.toBuilder()
                .fix("CD1_1", e7(cd.cd11()), "KOA: Coordinate transformation matrix", rule)
                .fix("CD1_2", e7(cd.cd12()), "KOA: Coordinate transformation matrix", rule)
                .fix("CD2_1", e7(cd.cd21()), "KOA: Coordinate transformation matrix", rule)
                .fix("CD2_2", e7(cd.cd22()), "KOA: Coordinate transformation matrix", rule);
        return in.withHeader(w.writeReference(b, WCS_COMMENTS, rule)
                .fix("RADECSYS", w.radecsys(), "KOA: WCS coordinate system", rule).build());
    }

    /** @return x rounded to 8 significant digits, as the archive's {@code %18.7e} */
    private static double e7(double x) {
        return x == 0 ? 0 : new BigDecimal(x).round(new MathContext(8)).doubleValue();
    }
}
