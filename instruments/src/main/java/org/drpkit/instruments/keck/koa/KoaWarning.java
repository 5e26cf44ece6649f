package org.drpkit.instruments.keck.koa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.drpkit.core.header.Header;

/**
 * A warning raised while fixing a header, kept with the header so an ingest stage can turn each into a status
 * event (severity WARN, code, rule, text) instead of losing all but the last, as the archive's single
 * {@code status_code} did.
 *
 * <p>Warnings travel in the header's extras under {@link #EXTRAS_KEY} as an immutable {@code List<KoaWarning>}, in
 * the order raised; they are not cards and never reach the written FITS file. Read them with {@link #of(Header)}.
 *
 * <pre>{@code
 * Header fixed = plugin.fix(raw, ctx);
 * for (KoaWarning w : KoaWarning.of(fixed)) events.add("WARN", w.code(), w.rule(), w.message());
 * }</pre>
 *
 * @param code    the archive's WARN code, e.g. {@code KOAIMTYP_UDF}
 * @param rule    the fix rule that raised it, e.g. {@code keck.koaimtyp}
 * @param keyword the keyword concerned, or {@code ""}
 * @param message what happened, for a person
 */
public record KoaWarning(String code, String rule, String keyword, String message) {

    /** The extras key holding the list of warnings. */
    public static final String EXTRAS_KEY = "KOA_WARNINGS";

    /** Checks for nulls. */
    public KoaWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(rule, "rule");
        keyword = keyword == null ? "" : keyword;
        Objects.requireNonNull(message, "message");
    }

    /** @return the warnings recorded in a header, oldest first (empty when none) */
    @SuppressWarnings("unchecked")
    public static List<KoaWarning> of(Header h) {
        Object v = h.extras().get(EXTRAS_KEY);
        return v instanceof List<?> l ? (List<KoaWarning>) l : List.of();
    }

    /** @return a copy of {@code h} with one more warning */
    public static Header add(Header h, KoaWarningCode code, String rule, String keyword, String message) {
        List<KoaWarning> all = new ArrayList<>(of(h));
        all.add(new KoaWarning(code.name(), rule, keyword, message));
        return h.toBuilder().extra(EXTRAS_KEY, List.copyOf(all)).build();
    }

    @Override
    public String toString() {
        return "WARN " + code + " (" + rule + (keyword.isEmpty() ? "" : ", " + keyword) + "): " + message;
    }
}
