package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.ChipLayout;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.MosaicLayout;
import org.drpkit.instruments.keck.common.Values;

/**
 * LRIS, the Keck I low-resolution imaging spectrograph, blue and red sides (koa-dep 4.7). INSTRUME must be a red
 * ({@code LRIS}, {@code LRISp}, {@code LRISpRED}: prefix {@code LR}) or blue ({@code LRISBLUE},
 * {@code LRISpBLUE}: prefix {@code LB}) name. OFNAME is kept when present, else OUTFILE + FRAMENO (4 digits).
 *
 * <p>Fixes: ELAPTIME from XPOSURE, else TTIME, rounded to whole seconds; KOAIMTYP from the slit, trapdoor, lamps,
 * shutter and axes; NEXTEN; OBSMODE; slit length, width and SPATSCAL 0.135 arcsec for long and polarimetry slits;
 * the facts exposure start and end (archive DATE_BEG, DATE_END, from DATE-BEG, DATE-END) and start MJD (MJD-OBS,
 * from MJD when MJD-OBS is absent). Quirk Q11 fixed:
 * closed-trapdoor arcs on the blue side are classified like the red side's (arclamp unless the grism is clear);
 * the archive crashed there. Not ported: the filter, grating and dichroic wavelength tables, SPECRES and the
 * blue-imaging WCS (the spec does not give their tables). Layout: one chip per image extension (blue mosaic), or
 * the primary image (red since 2021).
 *
 * <pre>{@code
 * new Lris().archivePrefix(h);   // Optional[LB] for INSTRUME 'LRISBLUE'
 * }</pre>
 */
public final class Lris extends KeckInstrument {

    private static final Set<String> RED = Set.of("lris", "lrisp", "lrispred");
    private static final Set<String> BLUE = Set.of("lrisblue", "lrispblue");
    private static final List<String> ARCS = List.of("NEON", "ARGON", "CADMIUM", "ZINC", "KRYPTON", "XENON", "FEARGON",
            "DEUTERI");

    @Override
    public String name() {
        return "LRIS";
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
        String t = token(instrume);
        return RED.contains(t) || BLUE.contains(t);
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        String t = Values.text(h, "INSTRUME").map(KeckInstrument::token).orElse("");
        return BLUE.contains(t) ? Optional.of("LB") : RED.contains(t) ? Optional.of("LR") : Optional.empty();
    }

    private static boolean isBlue(Header h) {
        return BLUE.contains(Values.text(h, "INSTRUME").map(KeckInstrument::token).orElse(""));
    }

    @Override
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return Values.text(h, "OFNAME").or(() -> outfileAndFrame(h));
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        OptionalDouble t = Values.number(h, "XPOSURE");
        if (t.isEmpty()) {
            t = Values.number(h, "TTIME");
        }
        return t.isPresent() ? Optional.of(Math.round(Values.round(t.getAsDouble(), 0))) : Optional.empty();
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        String outfile = Values.lower(h, "OUTFILE");
        if (Values.lower(h, "SLITNAME").equals("goh_lris") || outfile.equals("rfoc") || outfile.equals("bfoc")) {
            return "focus";
        }
        if (Values.numberIs(h, "ELAPTIME", 0)) {
            return "bias";
        }
        String trapdoor = Values.lower(h, "TRAPDOOR");
        if (trapdoor.equals("open")) {
            for (String k : List.of("FLIMAGIN", "FLSPECTR", "FLAMP1", "FLAMP2")) {
                if (Values.isOn(h, k)) {
                    return "flatlamp";
                }
            }
            if (Values.number(h, "AUTOSHUT").orElse(0) != 0 || Values.isOn(h, "AUTOSHUT")) {
                return Set.of("ir", "hnpb", "uv").contains(Values.lower(h, "CALNAME")) ? "polcal" : "object";
            }
            String axes = Values.lower(h, "AXESTAT");
            if (axes.equals("tracking") || axes.equals("slewing")) {
                return "object";
            }
            String object = Values.lower(h, "OBJECT").replaceAll("[\\s_-]", "").replace("flats", "flat");
            if (axes.equals("in position") && Set.of("twiflat", "twilightflat", "skyflat").contains(object)) {
                return "object";
            }
            return "undefined";
        }
        if (!trapdoor.equals("closed")) {
            return "undefined";
        }
        boolean dispersed = isBlue(h) ? !Values.lower(h, "GRISNAME").equals("clear")
                : !Values.lower(h, "GRANAME").equals("mirror");
        Optional<String> lamps = Values.text(h, "LAMPS").map(s -> s.replace(" ", ""));
        if (lamps.isPresent()) {
            if (lamps.get().equals("0,0,0,0,0,1")) {
                return "flatlamp";
            }
            if (lamps.get().contains("1")) {
                return dispersed ? "arclamp" : "undefined";
            }
            return lamps.get().equals("0,0,0,0,0,0") ? "dark" : "undefined";
        }
        if (Values.isOn(h, "HALOGEN")) {
            return "flatlamp";
        }
        boolean anyKnown = Values.has(h, "HALOGEN");
        for (String k : ARCS) {
            if (Values.isOn(h, k)) {
                return dispersed ? "arclamp" : "undefined";
            }
            anyKnown |= Values.has(h, k);
        }
        return anyKnown ? "dark" : "undefined";
    }

    /** Target information: a slit mask that is not a long, polarimetry, guider-offset or direct slit. */
    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        String slit = Values.lower(h, "SLITNAME");
        if (slit.isEmpty()) {
            return false;
        }
        for (String s : List.of("long_", "pol_", "goh_", "direct")) {
            if (slit.contains(s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("lris.modes", Lris::modes), HeaderFixRule.onResult("lris.dates", Lris::dates));
    }

    private static Header modes(Header h, FixContext ctx) {
        String rule = "lris.modes";
        Header.Builder b = h.toBuilder();
        if (!ctx.hdus().isEmpty()) {
            b.fix("NEXTEN", (long) ctx.hdus().size() - 1, "KOA: Number of extensions", rule);
        }
        boolean imaging = isBlue(h)
                ? Values.lower(h, "GRISNAME").contains("cl") || Values.text(h, "GRISNAME").orElse("").contains("NB")
                : Values.lower(h, "GRANAME").equals("mirror");
        b.fix("OBSMODE", imaging ? "IMAGING" : "SPEC", "KOA: Observation mode", rule);
        String slit = Values.lower(h, "SLITNAME");
        Double length = null;
        Double width = null;
        for (String w : List.of("0.7", "1.0", "1.5", "8.7")) {
            if (slit.equals("long_" + w)) {
                length = 175.0;
                width = Double.parseDouble(w);
            }
        }
        for (String w : List.of("1.0", "1.5")) {
            if (slit.equals("pol_" + w)) {
                length = 25.0;
                width = Double.parseDouble(w);
            }
        }
        return b.fix("SLITLEN", length, "KOA: Slit length (arcsec)", rule)
                .fix("SLITWIDT", width, "KOA: Slit width (arcsec)", rule)
                .fix("SPATSCAL", 0.135, "KOA: CCD pixel scale, spatial", rule).build();
    }

    private static FixResult dates(FixResult in, FixContext ctx) {
        Header h = in.header();
        OptionalDouble mjd = Values.has(h, "MJD-OBS") ? OptionalDouble.empty() : Values.number(h, "MJD");
        return in.withFacts(f -> f.withExposureTimes(Values.text(h, "DATE-BEG").orElse(null),
                Values.text(h, "DATE-END").orElse(null), mjd));
    }

    /** @return the Keck switches with saturation 65535 DN */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(65535);
    }

    /** The blue mosaic: one chip per image extension; the red side (one image): the primary. */
    @Override
    public ChipLayout layout(List<Header> hdus) throws DrpException {
        for (int i = 1; i < hdus.size(); i++) {
            if (MosaicLayout.isImage(hdus.get(i))) {
                return MosaicLayout.fromExtensions(hdus, "AMPLOC");
            }
        }
        return super.layout(hdus);
    }
}
