package org.drpkit.instruments.keck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.CommonRules;

/**
 * NIRSPEC, the Keck II near-infrared echelle spectrograph and its slit-viewing camera, with or without adaptive
 * optics (INSTRUME {@code NIRSPEC} or {@code NIRSPAO}) (koa-dep 4.7). Prefix from CAMERA (OUTDIR when CAMERA is
 * absent): containing {@code scam} gives {@code NC}, {@code spec} gives {@code NS}. OFNAME from DATAFILE, FRAMENO
 * from FRAMENUM.
 *
 * <p>Fixes: ELAPTIME = TRUITIME x COADDS (5 decimals); KOAIMTYP from OBSTYPE, else the arc and flat lamps and the
 * calibration mirror/pinhole positions; ISAO; FILTER (when absent) from SCIFILT1 and SCIFILT2 (thick, thin and open
 * dropped, joined with {@code +}); SPATSCAL from PSCALE; for {@code NS}: DISPERS and DISPSCAL (low for
 * {@code x42} slits), slit length and width from SLITNAME {@code LxW}, SPECRES (low resolution from the slit-width
 * table, high resolution ceil(10800/width/100) x 100), DETGAIN 2.85 and DETRN 10.8. The prefix rules run on the
 * fixed header, so they apply even when the file already has a KOAID (the archive skipped them then). Not ported:
 * the filter wavelength table and the AO slit-width mapping for low-resolution SPECRES.
 *
 * <pre>{@code
 * new Nirspec().archivePrefix(h);   // Optional[NS] for CAMERA 'SPEC'
 * }</pre>
 */
public final class Nirspec extends KeckInstrument {

    private static final Map<String, String> OBSTYPE = Map.of("object", "object", "standard", "object", "telluric",
            "object", "bias", "bias", "dark", "dark", "domeflat", "domeflat", "domearc", "domearc", "arclamp", "arclamp",
            "flatlamp", "flatlamp");
    private static final Map<Double, Double> LOWRES = Map.of(0.144, 3540.0, 0.288, 2850.0, 0.38, 2500.0, 0.432, 2330.0,
            0.57, 2000.0, 0.576, 1990.0, 0.72, 1820.0, 0.76, 1800.0);
    private static final Pattern SLIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*x\\s*(\\d+(?:\\.\\d+)?)");

    @Override
    public String name() {
        return "NIRSPEC";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("NIRSPAO");
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "DATAFILE").map("FRAMENO", "FRAMENUM").build();
    }

    @Override
    protected boolean instrumeMatches(String instrume) {
        String t = token(instrume);
        return t.equals("nirspec") || t.equals("nirspao");
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        if (!Values.text(h, "INSTRUME").filter(this::instrumeMatches).isPresent()) {
            return Optional.empty();
        }
        String cam = Values.has(h, "CAMERA") ? Values.lower(h, "CAMERA") : Values.lower(h, "OUTDIR");
        return cam.contains("scam") ? Optional.of("NC") : cam.contains("spec") ? Optional.of("NS") : Optional.empty();
    }

    private static boolean isAo(Header h) {
        return Values.text(h, "INSTRUME").filter("NIRSPAO"::equalsIgnoreCase).isPresent();
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        return CommonRules.product(h, "TRUITIME", "COADDS", 5);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        String t = OBSTYPE.get(Values.lower(h, "OBSTYPE"));
        if (t != null) {
            return t;
        }
        boolean arc = Values.isOn(h, "ARGON") || Values.isOn(h, "KRYPTON") || Values.isOn(h, "NEON")
                || Values.isOn(h, "XENON");
        boolean mirrorIn = Values.lower(h, "CALMPOS").equals("in");
        boolean mirrorOut = Values.lower(h, "CALMPOS").equals("out");
        boolean pinholeOut = Values.lower(h, "CALPPOS").equals("out");
        if (arc) {
            return mirrorIn && pinholeOut ? "arclamp" : "undefined";
        }
        if (Values.has(h, "FLAT") && !Values.isOn(h, "FLAT") && mirrorIn) {
            return "flatlampoff";
        }
        if (Values.isOn(h, "FLAT") && mirrorIn && pinholeOut) {
            return "flatlamp";
        }
        OptionalDouble itime = Values.number(h, "ITIME");
        if (itime.isPresent() && (long) itime.getAsDouble() == 0) {
            return "bias";
        }
        return mirrorOut && pinholeOut ? "object" : "undefined";
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("nirspec.modes", this::modes));
    }

    private Header modes(Header h, FixContext ctx) {
        String rule = "nirspec.modes";
        boolean ao = isAo(h);
        Header.Builder b = h.toBuilder().fix("ISAO", ao ? "yes" : "no", "KOA: AO status", rule);
        if (!Values.has(h, "FILTER")) {
            List<String> parts = new ArrayList<>();
            for (String k : List.of("SCIFILT1", "SCIFILT2")) {
                String f = Values.text(h, k).orElse("");
                String l = f.toLowerCase(java.util.Locale.ROOT);
                if (!f.isEmpty() && !l.equals("thick") && !l.equals("thin") && !l.equals("open")) {
                    parts.add(f);
                }
            }
            if (!parts.isEmpty()) {
                b.fix("FILTER", String.join("+", parts), "KOA: Filter", rule);
            }
        }
        OptionalDouble pscale = Values.number(h, "PSCALE");
        if (pscale.isPresent()) {
            b.fix("SPATSCAL", pscale.getAsDouble(), "KOA: Pixel scale, spatial", rule);
        }
        boolean ns = archivePrefix(h).filter("NS"::equals).isPresent();
        if (!ns) {
            return b.fix("DETGAIN", 2.85, "KOA: Detector gain", rule).fix("DETRN", null, "KOA: Detector read noise", rule)
                    .build();
        }
        String slit = Values.lower(h, "SLITNAME");
        boolean low = slit.contains("x42");
        b.fix("DISPERS", low ? "low" : "high", "KOA: Dispersion", rule)
                .fix("DISPSCAL", low ? (ao ? 0.012 : 0.129) : (ao ? 0.009 : 0.096), "KOA: Pixel scale, dispersion", rule);
        Matcher m = SLIT.matcher(slit);
        Double width = null;
        Double length = null;
        if (m.find()) {
            double a = Double.parseDouble(m.group(1));
            double c = Double.parseDouble(m.group(2));
            width = Math.min(a, c);
            length = Math.max(a, c);
        }
        Double specres = null;
        if (width != null) {
            specres = low ? (ao ? null : LOWRES.get(width)) : Math.ceil(10800 / width / 100) * 100;
        }
        return b.fix("SLITWIDT", width, "KOA: Slit width (arcsec)", rule)
                .fix("SLITLEN", length, "KOA: Slit length (arcsec)", rule)
                .fix("SPECRES", specres, "KOA: Nominal spectral resolution", rule)
                .fix("DETGAIN", 2.85, "KOA: Detector gain", rule)
                .fix("DETRN", 10.8, "KOA: Detector read noise", rule).build();
    }

    /** @return 25000 DN per coadd */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(25000.0 * Values.number(fixed, "COADDS").orElse(1));
    }
}
