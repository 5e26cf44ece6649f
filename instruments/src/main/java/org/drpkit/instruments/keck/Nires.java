package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drpkit.core.header.Header;
import org.drpkit.core.header.KeywordMap;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.CommonRules;

/**
 * NIRES, the Keck II near-infrared echellette and its slit-viewing imager (koa-dep 4.7). Prefix by INSTR:
 * {@code NI} for {@code imag}, {@code NR} for {@code spec}. OFNAME from DATAFILE, FRAMENO from FRAMENUM.
 *
 * <p>Fixes: ELAPTIME = ITIME x COADDS (4 decimals); KOAIMTYP from OBSTYPE (object, standard, telluric, astro, star
 * are {@code object}; bias, dark, domeflat, domearc kept; anything else {@code undefined}); the imager's FILTER
 * {@code Kp}, WAVEBLUE/CNTR/RED 19500/21225/22950 Angstrom and scales 0.12 arcsec; the spectrograph's 9400/16950/24500
 * Angstrom, SPECRES 2700, slit 18.1 x 0.5 arcsec and scales 0.15 arcsec.
 *
 * <pre>{@code
 * new Nires().fix(raw, ctx);   // KOAID NR.20190615.12571.36, KOAIMTYP domeflat, SPECRES 2700.0
 * }</pre>
 */
public final class Nires extends KeckInstrument {

    private static final Map<String, String> OBSTYPE = Map.of("object", "object", "standard", "object", "telluric",
            "object", "astro", "object", "star", "object", "bias", "bias", "dark", "dark", "domeflat", "domeflat",
            "domearc", "domearc");

    @Override
    public String name() {
        return "NIRES";
    }

    @Override
    protected int homeTelescope() {
        return 2;
    }

    @Override
    protected KeywordMap keywordOverrides() {
        return KeywordMap.builder().map("OFNAME", "DATAFILE").map("FRAMENO", "FRAMENUM").map("FTYPE", "INSTR").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        String instr = Values.lower(h, "INSTR");
        return instr.equals("imag") ? Optional.of("NI") : instr.equals("spec") ? Optional.of("NR") : Optional.empty();
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        return CommonRules.product(h, "ITIME", "COADDS", 4);
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        return OBSTYPE.getOrDefault(Values.lower(h, "OBSTYPE"), "undefined");
    }

    @Override
    protected boolean hasTargetInfo(Header h, FixContext ctx) {
        return false;
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("nires.modes", (h, ctx) -> {
            String rule = "nires.modes";
            Header.Builder b = h.toBuilder();
            String instr = Values.lower(h, "INSTR");
            if (instr.equals("imag")) {
                b.fix("FILTER", "Kp", "KOA: Filter", rule);
                waves(b, 19500, 21225, 22950, rule);
                b.fix("SPATSCAL", 0.12, "KOA: Pixel scale, spatial", rule).fix("DISPSCAL", 0.12,
                        "KOA: Pixel scale, dispersion", rule);
            } else if (instr.equals("spec")) {
                waves(b, 9400, 16950, 24500, rule);
                b.fix("SPECRES", 2700.0, "KOA: Nominal spectral resolution", rule)
                        .fix("SLITLEN", 18.1, "KOA: Slit length (arcsec)", rule)
                        .fix("SLITWIDT", 0.5, "KOA: Slit width (arcsec)", rule)
                        .fix("SPATSCAL", 0.15, "KOA: Pixel scale, spatial", rule)
                        .fix("DISPSCAL", 0.15, "KOA: Pixel scale, dispersion", rule);
            }
            return b.build();
        }));
    }

    private static void waves(Header.Builder b, long blue, long centre, long red, String rule) {
        b.fix("WAVEBLUE", blue, "KOA: Blue end wavelength", rule).fix("WAVECNTR", centre, "KOA: Center wavelength", rule)
                .fix("WAVERED", red, "KOA: Red end wavelength", rule);
    }
}
