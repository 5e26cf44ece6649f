package org.drpkit.instruments.keck;

import org.drpkit.instruments.keck.common.DrpFileNames;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.Angles;
import org.drpkit.instruments.keck.common.DomeFlat;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.CommonRules;

/**
 * OSIRIS, the Keck I adaptive-optics integral-field spectrograph and imager (koa-dep 4.7). Prefix by INSTR:
 * {@code OI} for the imager, {@code OS} for the spectrograph. INSTRUME is always set to {@code OSIRIS}; OFNAME from
 * DATAFILE, FRAMENO from FRAMENUM.
 *
 * <p>Fixes: FILTER from IFILTER (imager) or SFILTER (spectrograph); ELAPTIME = TRUITIME x COADDS (4 decimals);
 * KOAIMTYP from the calibration unit (PCUX/Y/Z), the filter, lamps, dome-flat position and tracking; SCALE (0.02
 * for the imager, else SSCALE); SHTRANG, SHTRACT, IHTRACT below 1 set to 0; RA emptied for calibrations with
 * |RA| above 720; NONLIN = 0.8 x SATURATE x COADDS; the imager WCS when ROTMODE is {@code position angle} and
 * PONAME {@code osimg}. Quirk Q13 fixed: a header without the PCU keywords is not a calibration (the archive's
 * default of -999 made it one). Not ported: the filter wavelength table and the {@code ospec} pointing offset.
 *
 * <pre>{@code
 * new Osiris().archivePrefix(h);   // Optional[OI] for INSTR 'imag'
 * }</pre>
 */
public final class Osiris extends KeckInstrument {

    private static final Set<String> MOVING = Set.of("tracking", "slewing");

    @Override
    public String name() {
        return "OSIRIS";
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
    protected Header checkInstrument(Header h, FixContext ctx) throws DrpException {
        Header checked = super.checkInstrument(h, ctx);
        return Values.text(checked, "INSTRUME").filter("OSIRIS"::equals).isPresent() ? checked
                : checked.toBuilder().fix("INSTRUME", "OSIRIS", "KOA: Instrument", "keck.instrument").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        String instr = Values.lower(h, "INSTR");
        return instr.contains("imag") ? Optional.of("OI") : instr.contains("spec") ? Optional.of("OS") : Optional.empty();
    }

    @Override
    protected List<HeaderFixRule> beforeArchiveId() {
        return List.of(HeaderFixRule.of("osiris.filter", (h, ctx) -> {
            String key = Values.lower(h, "INSTR").contains("imag") ? "IFILTER" : "SFILTER";
            return Values.text(h, key).map(f -> h.toBuilder().fix("FILTER", f, "KOA: Filter", "osiris.filter").build())
                    .orElse(h);
        }));
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        return CommonRules.product(h, "TRUITIME", "COADDS", 4);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        boolean pcu = true;
        for (String k : List.of("PCUX", "PCUY", "PCUZ")) {
            OptionalDouble v = Values.number(h, k);
            pcu &= v.isPresent() && v.getAsDouble() != 0;
        }
        if (pcu) {
            return "calib";
        }
        if (Values.lower(h, "FILTER").contains("drk")) {
            return "dark";
        }
        String instr = Values.lower(h, "INSTR");
        boolean moving = MOVING.contains(Values.lower(h, "DOMESTAT")) && MOVING.contains(Values.lower(h, "AXESTAT"));
        boolean domeFlat = DomeFlat.isAtDomeFlat(h, 1);
        if (instr.contains("imag")) {
            if (Values.isOn(h, "FLAMP1") || Values.isOn(h, "FLAMP2")) {
                return domeFlat ? "flatlamp" : "undefined";
            }
            if (moving) {
                return "object";
            }
            return domeFlat ? "flatlampoff" : "object";
        }
        if (instr.contains("spec")) {
            if (Values.lower(h, "DATAFILE").contains("c")) {
                return "calib";
            }
            if (moving) {
                return "object";
            }
        }
        return "undefined";
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("osiris.values", Osiris::values), HeaderFixRule.of("osiris.wcs", Osiris::wcs));
    }

    private static Header values(Header h, FixContext ctx) {
        String rule = "osiris.values";
        Header.Builder b = h.toBuilder();
        boolean imager = Values.lower(h, "INSTR").contains("imag");
        OptionalDouble sscale = Values.number(h, "SSCALE");
        b.fix("SCALE", imager ? (Double) 0.02 : sscale.isPresent() ? (Double) sscale.getAsDouble() : null,
                "KOA: Pixel scale", rule);
        for (String k : List.of("SHTRANG", "SHTRACT", "IHTRACT")) {
            OptionalDouble v = Values.number(h, k);
            if (v.isPresent() && v.getAsDouble() < 1) {
                b.fix(k, 0L, null, rule);
            }
        }
        OptionalDouble ra = Values.number(h, "RA");
        if (Values.lower(h, "KOAIMTYP").equals("calib") && ra.isPresent() && Math.abs(ra.getAsDouble()) > 720) {
            b.fix("RA", null, null, rule);
        }
        OptionalDouble sat = Values.number(h, "SATURATE");
        if (sat.isPresent()) {
            b.fix("NONLIN", Values.round(0.8 * sat.getAsDouble() * Values.number(h, "COADDS").orElse(1), 4),
                    "KOA: Non-linearity level", rule);
        }
        return b.build();
    }

    private static Header wcs(Header h, FixContext ctx) {
        if (!Values.lower(h, "INSTR").contains("imag") || !Values.lower(h, "ROTMODE").contains("position angle")
                || !Values.lower(h, "PONAME").equals("osimg")) {
            return h;
        }
        OptionalDouble rot = Values.number(h, "ROTPOSN");
        OptionalDouble ra = Angles.raDegrees(h);
        OptionalDouble dec = Angles.decDegrees(h);
        if (rot.isEmpty() || ra.isEmpty() || dec.isEmpty()) {
            return h;
        }
        double crota = rot.getAsDouble() + 90;
        String rule = "osiris.wcs";
        return h.toBuilder().fix("CROTA2", crota < 0 ? crota + 360 : crota, "KOA: Rotation angle", rule)
                .fix("CDELT1", -0.000002777778, "KOA: Pixel scale, axis 1 (deg)", rule)
                .fix("CDELT2", 0.0000027777778, "KOA: Pixel scale, axis 2 (deg)", rule)
                .fix("CRPIX1", 512.5, "KOA: Reference pixel", rule).fix("CRPIX2", 512.5, "KOA: Reference pixel", rule)
                .fix("CRVAL1", ra.getAsDouble(), "KOA: Reference pixel value", rule)
                .fix("CRVAL2", dec.getAsDouble(), "KOA: Reference pixel value", rule)
                .fix("RADECSYS", "FK5", "KOA: WCS coordinate system", rule).build();
    }

    /** @return SATURATE x COADDS, when SATURATE is known */
    @Override
    public InstrumentTraits traits(Header fixed) {
        OptionalDouble sat = Values.number(fixed, "SATURATE");
        return sat.isPresent() ? KECK.withSaturationLevel(sat.getAsDouble() * Values.number(fixed, "COADDS").orElse(1))
                : KECK;
    }

    /** Level-1 suffixes of the OSIRIS pipeline (koa-dep 4.7). */
    static final List<String> LEVEL1 = List.of("_drp.fits.gz", "_drp.jpg", ".lev1.fits.gz", ".lev1.fits", ".lev1.jpg");
    /** Level-2 suffixes of the OSIRIS pipeline (koa-dep 4.7): the reduced cube and its two images. */
    static final List<String> LEVEL2 = List.of(".lev2.fits.gz", ".lev2.fits", ".lev2_median.jpg",
            ".lev2_sum_positive_slices.jpg");

    /**
     * Level 1: {@code KOAID_drp.*} and {@code KOAID.lev1.*}; level 2: the cube {@code KOAID.lev2.fits[.gz]} with
     * {@code KOAID.lev2_median.jpg} and {@code KOAID.lev2_sum_positive_slices.jpg}; either with files naming the id
     * in {@code plots/}, {@code redux/}, {@code logs/}.
     */
    @Override
    public Optional<String> drpProduct(String source, String archiveId, int level) {
        return DrpFileNames.bySuffix(source, archiveId, level == 1 ? LEVEL1 : LEVEL2);
    }
}
