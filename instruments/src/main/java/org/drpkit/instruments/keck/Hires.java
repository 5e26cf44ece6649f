package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.MosaicLayout;
import org.drpkit.instruments.keck.common.Values;

/**
 * HIRES, the Keck I high-resolution echelle spectrograph: a mosaic of three CCDs read into up to six image
 * extensions (koa-dep 4.7). Prefix {@code HI} when INSTRUME contains {@code hires}; OFNAME = OUTFILE + FRAMENO
 * (4 digits) + {@code .fits}.
 *
 * <p>Fixes: KOAIMTYP (also written to IMAGETYP) from the shutter, lamp, mirror, hatch, decker and cathode-current
 * keywords; UT-END from UTC-END; SLITLEN, SLITWIDT, SPATSCAL (0.1194 x xbin), DISPSCAL (0.1794 x ybin) and SPECRES
 * from the decker table (A deckers take the width from SLITWID / 0.7235); SKYPA; ROQUAL; SUBEXP; CCDGN01..06 and
 * CCDRN01..06 from CCDGAIN and each extension's AMPLOC. The archive's per-CCD copies of PROPINT (PROPINT1..3,
 * PROPMIN) are not made: they always equal the result's {@code proprietaryMonths} and no keyword table lists them.
 * Binning text with spaces is read like {@code 2,1} (an archive quirk fixed). Not ported: the grating-equation
 * wavelengths and INSTSTAT (the spec does not give their formulae).
 *
 * <pre>{@code
 * new Hires().layout(hdus);   // one chip per image extension, placed by DETSEC
 * }</pre>
 */
public final class Hires extends KeckInstrument {

    private static final double[] GAIN_LOW = {1.20, 1.95, 1.13, 2.09, 1.26, 2.09};
    private static final double[] GAIN_HIGH = {0.48, 0.78, 0.45, 0.84, 0.50, 0.89};
    private static final double[] RN_LOW = {2.20, 2.90, 2.50, 3.00, 2.90, 3.10};
    private static final double[] RN_HIGH = {2.00, 2.34, 2.50, 2.40, 2.60, 2.84};
    /** Decker: length and width in arcsec; a negative width means "SLITWID / 0.7235" (A deckers). */
    private static final Map<String, double[]> DECKERS = Map.ofEntries(
            Map.entry("A1", new double[] {0.3, -1}), Map.entry("A2", new double[] {0.5, -1}),
            Map.entry("A3", new double[] {0.75, -1}), Map.entry("A4", new double[] {1.0, -1}),
            Map.entry("A5", new double[] {1.36, -1}), Map.entry("A6", new double[] {1.5, -1}),
            Map.entry("A7", new double[] {2.0, -1}), Map.entry("A8", new double[] {2.5, -1}),
            Map.entry("A9", new double[] {3.0, -1}), Map.entry("A10", new double[] {4.0, -1}),
            Map.entry("A11", new double[] {5.0, -1}), Map.entry("A12", new double[] {10, -1}),
            Map.entry("A13", new double[] {20, -1}), Map.entry("A14", new double[] {40, -1}),
            Map.entry("A15", new double[] {80, -1}),
            Map.entry("B1", new double[] {3.5, 0.574}), Map.entry("B2", new double[] {7, 0.574}),
            Map.entry("B3", new double[] {14, 0.574}), Map.entry("B4", new double[] {28, 0.574}),
            Map.entry("B5", new double[] {3.5, 0.861}), Map.entry("C1", new double[] {7, 0.861}),
            Map.entry("C2", new double[] {14, 0.861}), Map.entry("C3", new double[] {28, 0.861}),
            Map.entry("C4", new double[] {3.5, 1.148}), Map.entry("C5", new double[] {7, 1.148}),
            Map.entry("D1", new double[] {14, 1.148}), Map.entry("D2", new double[] {28, 1.148}),
            Map.entry("D3", new double[] {7, 1.722}), Map.entry("D4", new double[] {14, 1.722}),
            Map.entry("D5", new double[] {0.119, 0.179}), Map.entry("E1", new double[] {1, 0.4}),
            Map.entry("E2", new double[] {3, 0.4}), Map.entry("E3", new double[] {5, 0.4}),
            Map.entry("E4", new double[] {7, 0.4}), Map.entry("E5", new double[] {1, 0.4}));

    @Override
    public String name() {
        return "HIRES";
    }

    @Override
    protected int homeTelescope() {
        return 1;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "OUTFILE").build();
    }

    @Override
    protected boolean instrumeMatches(String instrume) {
        return instrume.toLowerCase(Locale.ROOT).contains("hires");
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Values.text(h, "INSTRUME").filter(this::instrumeMatches).map(s -> "HI");
    }

    @Override
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return outfileAndFrame(h);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        for (String k : List.of("AUTOSHUT", "LAMPNAME", "LMIRRIN", "DARKCLOS", "TTIME")) {
            if (!Values.has(h, k)) {
                return "undefined";
            }
        }
        String lamp = Values.lower(h, "LAMPNAME");
        if (lamp.equals("undefined") && (Values.isOn(h, "LAMPQTZ1") || Values.isOn(h, "LAMPQTZ2"))) {
            lamp = "quartz";
        }
        double ttime = Values.number(h, "TTIME").getAsDouble();
        double mirror = Values.number(h, "LMIRRIN").orElse(Double.NaN);
        if (Values.numberIs(h, "AUTOSHUT", 0)) {
            String t = ttime == 0 ? "bias" : "dark";
            boolean lampLight = !lamp.equals("none") && (mirror != 0 || !Values.numberIs(h, "DARKCLOS", 1));
            return lampLight ? t + "_lamp_on" : t;
        }
        for (String k : List.of("DECKNAME", "CATCUR1", "CATCUR2", "HATCLOS")) {
            if (!Values.has(h, k)) {
                return "undefined";
            }
        }
        boolean d5 = Values.text(h, "DECKNAME").orElse("").equals("D5");
        double hatch = Values.number(h, "HATCLOS").getAsDouble();
        if (lamp.contains("quartz")) {
            return mirrorOverride(d5 ? "trace" : "flatlamp", mirror, hatch);
        }
        if (lamp.contains("thar")) {
            double current = Values.number(h, lamp.contains("thar2") ? "CATCUR2" : "CATCUR1").orElse(0);
            String t = current >= 5.0 ? (d5 ? "focus" : "arclamp") : "undefined";
            t = mirrorOverride(t, mirror, hatch);
            return Values.numberIs(h, "XCOVCLOS", 1) && Values.numberIs(h, "ECOVCLOS", 1) ? "undefined" : t;
        }
        if (lamp.equals("undefined")) {
            return "undefined";
        }
        if (hatch == 1) {
            return ttime == 0 ? "bias" : "dark";
        }
        return ttime == 0 ? "bias" : "object";
    }

    private static String mirrorOverride(String type, double mirror, double hatch) {
        if (mirror == 0 && hatch == 0) {
            return "object_lamp_on";
        }
        return mirror == 0 && hatch == 1 ? "undefined" : type;
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("hires.imagetyp", (h, ctx) -> h.toBuilder()
                        .fix("IMAGETYP", Values.text(h, "KOAIMTYP").orElse("undefined"), null, "hires.imagetyp").build()),
                HeaderFixRule.of("hires.utend", (h, ctx) -> Values.text(h, "UTC-END").map(
                        v -> h.toBuilder().fix("UT-END", v, "KOA: UT at end of exposure", "hires.utend").build())
                        .orElse(h)),
                HeaderFixRule.of("hires.slit", Hires::slit),
                HeaderFixRule.of("hires.misc", Hires::misc),
                HeaderFixRule.of("hires.gain", Hires::gainAndReadNoise));
    }

    private static Header slit(Header h, FixContext ctx) {
        String rule = "hires.slit";
        int[] bin = Values.binning(Values.text(h, "BINNING").orElse(""));
        int xbin = bin.length > 0 ? bin[0] : 1;
        int ybin = bin.length > 1 ? bin[1] : 1;
        double spat = Values.round(0.1194 * xbin, 4);
        double disp = Values.round(0.1794 * ybin, 4);
        double[] d = DECKERS.get(Values.text(h, "DECKNAME").orElse("").toUpperCase(Locale.ROOT));
        Double length = d == null ? null : d[0];
        Double width = null;
        if (d != null) {
            OptionalDouble slitwid = Values.number(h, "SLITWID");
            width = d[1] >= 0 ? d[1] : slitwid.isPresent() ? Values.round(slitwid.getAsDouble() / 0.7235, 3) : null;
        }
        Double specres = width == null ? null
                : Math.floor(5019.5 / ((width / disp) * 0.0219 * ybin) / 100.0) * 100.0;
        return h.toBuilder().fix("SLITLEN", length, "KOA: Slit length (arcsec)", rule)
                .fix("SLITWIDT", width, "KOA: Slit width (arcsec)", rule)
                .fix("SPATSCAL", spat, "KOA: CCD pixel scale, spatial", rule)
                .fix("DISPSCAL", disp, "KOA: CCD pixel scale, dispersion", rule)
                .fix("SPECRES", specres, "KOA: Nominal spectral resolution", rule).build();
    }

    private static Header misc(Header h, FixContext ctx) {
        String rule = "hires.misc";
        Header.Builder b = h.toBuilder().fix("ROQUAL", "Good", "KOA: Read-out quality", rule);
        OptionalDouble irot = Values.number(h, "IROT2ANG");
        OptionalDouble par = Values.number(h, "PARANG");
        OptionalDouble el = Values.number(h, "EL");
        if (irot.isPresent() && par.isPresent() && el.isPresent()) {
            double pa = (2 * irot.getAsDouble() + par.getAsDouble() + el.getAsDouble() + 270.0) % 360.0;
            b.fix("SKYPA", Values.round(pa < 0 ? pa + 360.0 : pa, 4), "KOA: Sky position angle", rule);
        }
        if (Values.number(h, "PEXPTIME").orElse(0) == 0 && Values.number(h, "PEXPELAP").orElse(0) == 0) {
            b.fix("SUBEXP", "False", "KOA: Sub-exposure", rule);
        }
        return b.build();
    }

    private static Header gainAndReadNoise(Header h, FixContext ctx) {
        String mode = Values.lower(h, "CCDGAIN");
        double[] gain = mode.equals("high") ? GAIN_HIGH : mode.equals("low") ? GAIN_LOW : null;
        double[] noise = mode.equals("high") ? RN_HIGH : mode.equals("low") ? RN_LOW : null;
        Header.Builder b = h.toBuilder();
        List<Header> hdus = ctx.hdus();
        for (int e = 1; e <= 6; e++) {
            OptionalDouble amp = e < hdus.size() ? Values.number(hdus.get(e), "AMPLOC") : OptionalDouble.empty();
            int a = amp.isPresent() ? (int) amp.getAsDouble() : 0;
            boolean ok = gain != null && a >= 1 && a <= 6;
            b.fix(String.format("CCDGN%02d", e), ok ? gain[a - 1] : null, "KOA: CCD gain, extension " + e, "hires.gain");
            b.fix(String.format("CCDRN%02d", e), ok ? noise[a - 1] : null, "KOA: CCD read noise, extension " + e,
                    "hires.gain");
        }
        return b.build();
    }

    /** @return the Keck switches with saturation 65535 DN */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(65535);
    }

    /** One chip per image extension (named by EXTNAME, amplifier by AMPLOC, placed by DETSEC). */
    @Override
    public ChipLayout layout(List<Header> hdus) throws DrpException {
        return MosaicLayout.fromExtensions(hdus, "AMPLOC");
    }
}
