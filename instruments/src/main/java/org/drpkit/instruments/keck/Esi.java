package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentTraits;
import org.drpkit.instruments.keck.common.Values;

/**
 * ESI, the Keck II echellette spectrograph and imager (koa-dep 4.7). Prefix {@code ES} (an archive quirk: the old
 * {@code EI} was renamed in 2019); UTC is read from UT; OFNAME = OUTFILE + FRAMENO (4 digits).
 *
 * <p>Fixes: CAMERA {@code ESI}; FILTER from DWFILNAM; OBSMODE (when empty) from the imager, low-dispersion and prism
 * positions ({@code low}, {@code high}, {@code image}); WAVEBLUE/CNTR/RED (Angstrom) from the filter (imaging) or
 * 3900/7400/10900 (spectroscopy); slit width and length; SPATSCAL = DISPSCAL = 0.1542; SPECRES = 4125.406 /
 * SLITWIDT rounded to 10.
 *
 * <p>KOAIMTYP: OBSTYPE bias/dark first; then, with flat = LAMPQTZ1 on, arc = LAMPAR1/LAMPCU1/LAMPNE1/LAMPNE2 on,
 * the prism (PRISMNAM) and imager (IMFLTNAM) positions, the hatch (HATCHPOS), the dome-flat elevation (44.0 to
 * 46.01 degrees) and "dome-flat light" (a dome lamp on, FLIMAGIN/FLSPECTR, or the telescope not tracking at that
 * elevation): trace and focus frames for slit masks containing {@code hole}, flat lamps, arcs and objects otherwise.
 * The spec words the dome-flat combinations loosely; this reading is drpkit's.
 *
 * <pre>{@code
 * new Esi().archivePrefix(h);   // Optional[ES]
 * }</pre>
 */
public final class Esi extends KeckInstrument {

    private static final Map<String, long[]> FILTERS = Map.of("B", new long[] {3700, 4400, 5400},
            "V", new long[] {4900, 5200, 6450}, "R", new long[] {6000, 6500, 7400}, "I", new long[] {7000, 8000, 9000});
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    @Override
    public String name() {
        return "ESI";
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("UTC", "UT").map("OFNAME", "OUTFILE").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Values.text(h, "INSTRUME").map(KeckInstrument::token).filter("esi"::equals).map(s -> "ES");
    }

    @Override
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return outfileAndFrame(h);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        String obstype = Values.lower(h, "OBSTYPE");
        if (obstype.equals("bias") || obstype.equals("dark")) {
            return obstype;
        }
        boolean flat = Values.isOn(h, "LAMPQTZ1");
        boolean arc = Values.isOn(h, "LAMPAR1") || Values.isOn(h, "LAMPCU1") || Values.isOn(h, "LAMPNE1")
                || Values.isOn(h, "LAMPNE2");
        OptionalDouble el = Values.number(h, "EL");
        boolean flatPos = el.isPresent() && el.getAsDouble() >= 44.0 && el.getAsDouble() <= 46.01;
        boolean tracking = Values.lower(h, "AXESTAT").equals("tracking") && Values.lower(h, "DOMESTAT").equals("tracking");
        boolean domeLight = flatPos && (Values.isOn(h, "FLIMAGIN") || Values.isOn(h, "FLSPECTR") || !tracking);
        String hatch = Values.lower(h, "HATCHPOS");
        boolean prismIn = Values.lower(h, "PRISMNAM").equals("in");
        boolean imagerOut = Values.lower(h, "IMFLTNAM").equals("out");
        if (Values.lower(h, "SLMSKNAM").contains("hole")) {
            if (hatch.equals("closed")) {
                if (flat && !arc && prismIn && imagerOut) {
                    return "trace";
                }
                if ((flat && !arc && !prismIn && !imagerOut) || (arc && !flat && prismIn && imagerOut)) {
                    return "focus";
                }
            } else if (hatch.equals("open") && prismIn && imagerOut) {
                return domeLight ? "trace" : "focus";
            }
            if (!prismIn && !imagerOut && Values.lower(h, "LDFLTNAM").equals("out")) {
                return "focus";
            }
            if (prismIn && imagerOut && Values.lower(h, "DWFILNAM").equals("clear_s")) {
                return "focus";
            }
            return "undefined";
        }
        if (hatch.equals("closed")) {
            if (flat && !arc) {
                return "flatlamp";
            }
            if (arc && !flat && prismIn && imagerOut) {
                return "arclamp";
            }
        } else if (hatch.equals("open")) {
            if (domeLight) {
                return "flatlamp";
            }
            if (!flat && !arc) {
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
        return List.of(HeaderFixRule.of("esi.modes", Esi::modes));
    }

    private static Header modes(Header h, FixContext ctx) {
        String rule = "esi.modes";
        Header.Builder b = h.toBuilder().fix("CAMERA", "ESI", "KOA: Camera", rule);
        Optional<String> filter = Values.text(h, "DWFILNAM");
        filter.ifPresent(f -> b.fix("FILTER", f, "KOA: Filter", rule));
        String mode = Values.lower(h, "OBSMODE");
        if (mode.isEmpty()) {
            String im = Values.lower(h, "IMFLTNAM");
            String ld = Values.lower(h, "LDFLTNAM");
            String pr = Values.lower(h, "PRISMNAM");
            mode = im.equals("out") && ld.equals("in") && pr.equals("in") ? "low"
                    : im.equals("out") && ld.equals("out") && pr.equals("in") ? "high"
                    : im.equals("in") && ld.equals("out") && pr.equals("out") ? "image" : "";
            if (!mode.isEmpty()) {
                b.fix("OBSMODE", mode, "KOA: Observation mode", rule);
            }
        }
        long[] w = mode.equals("image") ? FILTERS.get(filter.orElse(""))
                : mode.equals("low") || mode.equals("high") ? new long[] {3900, 7400, 10900} : null;
        b.fix("WAVEBLUE", w == null ? null : w[0], "KOA: Blue end wavelength", rule)
                .fix("WAVECNTR", w == null ? null : w[1], "KOA: Center wavelength", rule)
                .fix("WAVERED", w == null ? null : w[2], "KOA: Red end wavelength", rule);
        String mask = Values.text(h, "SLMSKNAM").orElse("");
        Double width = null;
        Double length = null;
        if (mask.toUpperCase(java.util.Locale.ROOT).contains("IFU")) {
            width = 1.13;
            length = 4.0;
        } else if (!mask.isEmpty()) {
            Matcher m = NUMBER.matcher(mask);
            if (mask.toLowerCase(java.util.Locale.ROOT).contains("multiholes")) {
                width = 0.5;
            } else if (m.find()) {
                width = Double.parseDouble(m.group(1));
            } // else no width: a mixed ternary here unboxed null (fuzzing found the NullPointerException)
            if (mode.equals("low")) {
                length = 480.0;
            } else if (mode.equals("high")) {
                length = 20.0;
            } // else no length (a mixed ternary unboxed null here too)
        }
        return b.fix("SLITWIDT", width, "KOA: Slit width (arcsec)", rule)
                .fix("SLITLEN", length, "KOA: Slit length (arcsec)", rule)
                .fix("SPATSCAL", 0.1542, "KOA: CCD pixel scale, spatial", rule)
                .fix("DISPSCAL", 0.1542, "KOA: CCD pixel scale, dispersion", rule)
                .fix("SPECRES", width == null || width == 0 ? null : (double) Values.roundTo(4125.406 / width, 10),
                        "KOA: Nominal spectral resolution", rule).build();
    }

    /** @return the Keck switches with saturation 65535 DN */
    @Override
    public InstrumentTraits traits(Header fixed) {
        return KECK.withSaturationLevel(65535);
    }
}
