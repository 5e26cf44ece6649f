package org.drpkit.instruments.keck;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.CardValues;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.HeaderFixRule;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.instruments.keck.common.Values;
import org.drpkit.instruments.keck.koa.KeckErrorCode;
import org.drpkit.instruments.keck.koa.ProgramQuery;
import org.drpkit.instruments.keck.koa.ProgramRule;

/**
 * The acquisition and guide cameras of both telescopes (koa-dep 4.7 GUIDER). Prefix {@code GR} with the suffix
 * {@code _<CAMNAME>} (a missing CAMNAME fails the id). A guider frame is recognised by its camera keywords: CAMNAME
 * together with CAMREFX, CAMPORG or CAMBIN (or INSTRUME {@code GUIDER}); this plugin takes precedence over the
 * science plugins that accept such a header too. INSTRUME is copied from CURRINST when absent; the telescope comes from TELESCOP only.
 *
 * <p>Fixes: OFNAME from the file name when absent; FRAMENO from the file name; KOAIMTYP {@code bias} when TTIME is
 * 0, else {@code object}; ELAPTIME = TTIME (2 decimals); FILTER = FILTER0+FILTER1 (or {@code blank}); TARGRADV
 * emptied when not a number. The schedule is asked for CURRINST's programs (LRISADC as LRIS; SSC and PCS have
 * none), on either telescope, and the first/last fallback uses only Classical programs.
 *
 * <pre>{@code
 * new Guider().fix(raw, ctx);   // KOAID GR.20230515.16590.12_deimos
 * }</pre>
 */
public final class Guider extends KeckInstrument {

    private static final Map<String, String> SCHEDULED_AS = Map.of("LRISADC", "LRIS", "SSC", "NONE", "PCS", "NONE");

    @Override
    public String name() {
        return "GUIDER";
    }

    /** @return 0: a guider belongs to whichever telescope TELESCOP names */
    @Override
    protected int homeTelescope() {
        return 0;
    }

    /** @return true for a guide-camera frame: INSTRUME GUIDER, or CAMNAME with CAMREFX, CAMPORG or CAMBIN */
    public static boolean isGuiderHeader(Header h) {
        if (Values.text(h, "INSTRUME").map(KeckInstrument::token).filter(t -> t.startsWith("guider")).isPresent()) {
            return true;
        }
        return Values.has(h, "CAMNAME")
                && (Values.has(h, "CAMREFX") || Values.has(h, "CAMPORG") || Values.has(h, "CAMBIN"));
    }

    @Override
    public boolean accepts(Header h) {
        return isGuiderHeader(h);
    }

    /** @return true over every other Keck plugin: a guide-camera frame often names the science instrument too */
    @Override
    public boolean takesPrecedenceOver(InstrumentPlugin other) {
        return other instanceof KeckInstrument && other != this;
    }

    /** INSTRUME is kept when present, else copied from CURRINST. */
    @Override
    protected Header checkInstrument(Header h, FixContext ctx) throws DrpException {
        if (Values.has(h, "INSTRUME")) {
            return h;
        }
        String current = Values.text(h, "CURRINST").orElseThrow(() -> new DrpException(KeckErrorCode.SET_INSTR_ERROR,
                h.origin().keyword("INSTRUME"), "a guider frame needs INSTRUME or CURRINST"));
        return h.toBuilder().fix("INSTRUME", current, "KOA: Instrument", "keck.instrument").build();
    }

    @Override
    public Optional<String> archivePrefix(Header h) {
        return Optional.of("GR");
    }

    @Override
    protected String archiveIdSuffix(Header h, FixContext ctx) throws DrpException {
        String cam = Values.text(h, "CAMNAME").orElseThrow(() -> new DrpException(KeckErrorCode.KOAID_CREATE_FAIL,
                h.origin().keyword("CAMNAME"), "a guider id needs CAMNAME"));
        return "_" + cam.replaceAll("[^A-Za-z0-9-]", "");
    }

    @Override
    protected Optional<String> originalFileName(Header h, FixContext ctx) {
        return Values.text(h, "OFNAME").or(ctx::fileName);
    }

    @Override
    protected KeckSwitches switches() {
        return KeckSwitches.STANDARD.withFrameNumberFromFileName();
    }

    @Override
    protected Optional<Object> elapsedTime(Header h) {
        return Values.number(h, "TTIME").isPresent()
                ? Optional.of(Values.round(Values.number(h, "TTIME").getAsDouble(), 2)) : Optional.empty();
    }

    @Override
    protected String classify(Header h, FixContext ctx) {
        return Values.numberIs(h, "TTIME", 0) ? "bias" : "object";
    }

    @Override
    protected ProgramRule.QueryFactory programQueries() {
        return (h, ctx, date, ut) -> {
            String current = Values.text(h, "CURRINST").orElse("").toUpperCase(Locale.ROOT);
            return new ProgramQuery(SCHEDULED_AS.getOrDefault(current, current), h, ctx, date, ut, OptionalInt.empty(),
                    true);
        };
    }

    @Override
    protected List<HeaderFixRule> instrumentRules() {
        return List.of(HeaderFixRule.of("guider.filter", (h, ctx) -> {
            String f0 = Values.text(h, "FILTER0").orElse("");
            String f1 = Values.text(h, "FILTER1").orElse("");
            String f = f0.isEmpty() && f1.isEmpty() ? "blank" : f0.isEmpty() ? f1 : f1.isEmpty() ? f0 : f0 + "+" + f1;
            return h.toBuilder().fix("FILTER", f, "KOA: Filter", "guider.filter").build();
        }), HeaderFixRule.of("guider.targradv", (h, ctx) -> {
            Optional<Object> v = h.value("TARGRADV");
            boolean valid = v.isEmpty() || v.get() instanceof Number
                    || CardValues.asDouble(v.get()).isPresent();
            return valid ? h : h.toBuilder().fix("TARGRADV", "", null, "guider.targradv").build();
        }));
    }
}
