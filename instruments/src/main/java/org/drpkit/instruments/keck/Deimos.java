package org.drpkit.instruments.keck;

import java.util.List;
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
 * DEIMOS, the Keck II multi-object spectrograph: 8 CCDs in two rows of four, up to 16 image extensions
 * (koa-dep 4.7). Prefix {@code DF} for flexure-compensation (FCS) frames (OUTDIR containing {@code /fcs}), else
 * {@code DE}. OFNAME = OUTFILE + FRAMENO (4 digits).
 *
 * <p>Fixes: for FCS frames DATE-OBS and UTC are rebuilt from DATE before the archive id is made (an archive quirk fixed;
 * the archive did it after, so FCS ids used the unrepaired time); KOAIMTYP ({@code fcscal} for FCS frames, else
 * from OBSTYPE, slit mask, hatch, lamps and grating position); CAMERA; FILTER from DWFILNAM; MJD; NEXTEN;
 * DETSEC01..16 from the extensions; OBSMODE; WAVEBLUE/CNTR/RED (Angstrom) from the filter table (imaging) or the
 * grating tilt and table (spectroscopy); SPATSCAL 0.1185; DISPSCAL and SPECRES from the grating. A file has target
 * information when an HDU is a table (the mask design). Layout: one chip per image extension, placed by DETSEC.
 *
 * <pre>{@code
 * new Deimos().archivePrefix(h);   // Optional[DF] for OUTDIR '/sdata1001/dmoseng/fcs'
 * }</pre>
 */
public final class Deimos extends KeckInstrument {

    /** Grating: centre (Angstrom), dispersion (Angstrom/pixel), spectral length (Angstrom). */
    private static final Map<String, double[]> GRATINGS = Map.of("600ZD", new double[] {7500, 0.65, 5300},
            "830G", new double[] {8640, 0.47, 3840}, "900ZD", new double[] {5500, 0.44, 3530},
            "1200G", new double[] {7760, 0.33, 2630}, "1200B", new double[] {4500, 0.33, 2630});
    /** Filter: blue, centre, red (Angstrom). */
    private static final Map<String, long[]> FILTERS = Map.ofEntries(Map.entry("B", new long[] {4200, 4400, 4600}),
            Map.entry("V", new long[] {5150, 5450, 5750}), Map.entry("R", new long[] {6100, 6500, 6900}),
            Map.entry("I", new long[] {7600, 8400, 9200}), Map.entry("Z", new long[] {8600, 9100, 9600}),
            Map.entry("GG400", new long[] {4000, 7250, 10500}), Map.entry("GG455", new long[] {4550, 7525, 10500}),
            Map.entry("GG495", new long[] {4950, 7725, 10500}), Map.entry("OG550", new long[] {5500, 8000, 10500}),
            Map.entry("NG8560", new long[] {8400, 8550, 8700}), Map.entry("NG8580", new long[] {8550, 8600, 8650}));

    @Override
    public String name() {
        return "DEIMOS";
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "OUTFILE").build();
    }

    /** Also accepts FCS frames without INSTRUME: OUTDIR containing {@code sdata100} and ending in {@code fcs}. */
    @Override
    protected boolean fallbackMatches(Header h) {
        String outdir = Values.text(h, "OUTDIR").orElse("");
        String t = outdir.endsWith("/") ? outdir.substring(0, outdir.length() - 1) : outdir;
        return super.fallbackMatches(h) || (t.contains("sdata100") && t.endsWith("fcs"));
    }

    private static boolean isFcs(Header h) {
        return Values.text(h, "OUTDIR").orElse("").contains("/fcs");
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        if (isFcs(h)) {
            return Optional.of("DF");
        }
        return Values.text(h, "INSTRUME").map(KeckInstrument::token).filter("deimos"::equals).map(s -> "DE");
    }

    @Override
    protected List<HeaderFixRule> beforeArchiveId() {
        return List.of(HeaderFixRule.of("deimos.fcsTime", (h, ctx) -> {
            Optional<String> date = Values.text(h, "DATE");
            if (!isFcs(h) || date.isEmpty() || !date.get().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*")) {
                return h;
            }
            return h.toBuilder().fix("DATE-OBS", date.get().substring(0, 10), "KOA: FCS date from DATE", "deimos.fcsTime")
                    .fix("UTC", date.get().substring(11, 19) + ".00", "KOA: FCS time from DATE", "deimos.fcsTime").build();
        }));
    }

    @Override
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return outfileAndFrame(h);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        if (isFcs(h)) {
            return "fcscal";
        }
        String obstype = Values.lower(h, "OBSTYPE");
        if (obstype.equals("bias") || obstype.equals("dark")) {
            return obstype;
        }
        if (Values.lower(h, "SLMSKNAM").startsWith("goh")) {
            return "focus";
        }
        String hatch = Values.lower(h, "HATCHPOS");
        String lamps = Values.lower(h, "LAMPS");
        if (hatch.equals("closed") && lamps.contains("qz")) {
            return "flatlamp";
        }
        if (hatch.equals("open") && (Values.isOn(h, "FLIMAGIN") || Values.isOn(h, "FLSPECTR"))) {
            return "flatlamp";
        }
        double pos = Values.number(h, "GRATEPOS").orElse(0);
        if (hatch.equals("closed") && !lamps.isEmpty() && !lamps.contains("off") && !lamps.contains("qz")
                && (pos == 3 || pos == 4)) {
            return "arclamp";
        }
        if (hatch.equals("open")) {
            return "object";
        }
        return Values.lower(h, "OUTDIR").contains("fcs") ? "fcscal" : "undefined";
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return MosaicLayout.hasTable(ctx.hdus());
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("deimos.keywords", Deimos::keywordsFromHeaders),
                HeaderFixRule.of("deimos.optics", Deimos::optics));
    }

    private static Header keywordsFromHeaders(Header h, FixContext ctx) {
        String rule = "deimos.keywords";
        Header.Builder b = h.toBuilder();
        if (!Values.has(h, "CAMERA")) {
            b.fix("CAMERA", "DEIMOS", "KOA: Camera", rule);
        }
        Values.text(h, "DWFILNAM").ifPresent(f -> b.fix("FILTER", f, "KOA: Filter", rule));
        OptionalDouble mjd = Values.number(h, "MJD-OBS");
        if (mjd.isPresent()) {
            b.fix("MJD", mjd.getAsDouble(), "KOA: Modified Julian day", rule);
        }
        List<Header> hdus = ctx.hdus();
        if (!hdus.isEmpty()) {
            b.fix("NEXTEN", (long) hdus.size() - 1, "KOA: Number of extensions", rule);
            for (int e = 1; e <= 16; e++) {
                Object det = e < hdus.size() ? Values.text(hdus.get(e), "DETSEC").orElse(null) : null;
                b.fix(String.format("DETSEC%02d", e), det, "KOA: Detector section, extension " + e, rule);
            }
        }
        return b.build();
    }

    private static Header optics(Header h, FixContext ctx) {
        String rule = "deimos.optics";
        String grating = Values.text(h, "GRATENAM").orElse("");
        int pos = (int) Values.number(h, "GRATEPOS").orElse(0);
        String tilt = Values.lower(h, "G" + pos + "TLTNAM");
        String mask = Values.text(h, "SLMSKNAM").orElse("");
        String mode;
        if (grating.isEmpty() || grating.equalsIgnoreCase("unknown") || grating.equalsIgnoreCase("none")) {
            mode = "unknown";
        } else if (grating.equalsIgnoreCase("mirror") || ((pos == 3 || pos == 4) && tilt.equals("zeroth_order"))) {
            mode = "imaging";
        } else {
            mode = mask.startsWith("LVM") || mask.startsWith("Long") ? "longslit" : "mos";
        }
        Header.Builder b = h.toBuilder().fix("OBSMODE", mode, "KOA: Observation mode", rule)
                .fix("SPATSCAL", 0.1185, "KOA: CCD pixel scale, spatial", rule);
        Object blue = null;
        Object centre = null;
        Object red = null;
        Double disp = null;
        Double specres = null;
        if (mode.equals("imaging")) {
            long[] f = FILTERS.get(Values.text(h, "DWFILNAM").orElse(""));
            if (f != null) {
                blue = f[0];
                centre = f[1];
                red = f[2];
            }
        } else if (!mode.equals("unknown")) {
            double[] g = GRATINGS.get(grating);
            OptionalDouble wave = Values.number(h, "G" + pos + "TLTWAV");
            if (g != null && wave.isPresent()) {
                long c = Values.roundTo(wave.getAsDouble(), 10);
                centre = c;
                blue = Values.roundTo(c - g[2] / 2, 10);
                red = Values.roundTo(c + g[2] / 2, 10);
                disp = g[1];
                specres = (double) Values.roundTo(c * 0.1185 / g[1], 10);
            }
        }
        return b.fix("WAVEBLUE", blue, "KOA: Blue end wavelength", rule)
                .fix("WAVECNTR", centre, "KOA: Center wavelength", rule)
                .fix("WAVERED", red, "KOA: Red end wavelength", rule)
                .fix("DISPSCAL", disp, "KOA: CCD pixel scale, dispersion", rule)
                .fix("SPECRES", specres, "KOA: Nominal spectral resolution", rule).build();
    }

    /** @return the Keck switches with saturation 65535 DN */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(65535);
    }

    /** One chip per image extension (named by EXTNAME, placed by DETSEC). */
    @Override
    public ChipLayout layout(List<Header> hdus) throws DrpException {
        return MosaicLayout.fromExtensions(hdus, "AMPNAME");
    }

    /** DEIMOS queues a level-1 run of every archived frame, which makes its mosaic preview (koa-dep 4.7 run_lev1). */
    @Override
    public boolean queuesLevel1() {
        return true;
    }
}
