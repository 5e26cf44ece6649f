package org.drpkit.core.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.drpkit.core.header.Header;

/**
 * What fixing a header gives: the fixed header (whose fix log lists every change), the warnings raised on the
 * way, in order, and the {@link ArchiveFacts} the plugin derived. Rules pass it along
 * ({@link HeaderFixRule#apply(FixResult, FixContext)}); each returns a new result.
 *
 * <pre>{@code
 * FixResult r = plugin.fix(primary, FixContext.offline());
 * r.header().getString("IMAGETYP");          // the fixed cards
 * r.warnings();                              // [WARN IMAGE_TYPE_UNDEFINED (lab.imageType, IMAGETYP): ...]
 * r.facts().proprietaryMonths();             // OptionalInt[18]
 * }</pre>
 *
 * @param header   the fixed header
 * @param warnings the warnings, oldest first
 * @param facts    what the plugin derived for the archive
 */
public record FixResult(Header header, List<FixWarning> warnings, ArchiveFacts facts) {

    /** Copies the warnings and checks for nulls. */
    public FixResult {
        Objects.requireNonNull(header, "header");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(facts, "facts");
    }

    /** @return a result holding a header as it is: no warnings, no facts (where fixing starts) */
    public static FixResult of(Header header) {
        return new FixResult(header, List.of(), ArchiveFacts.NONE);
    }

    /** @return this result with another header (the same instance when unchanged) */
    public FixResult withHeader(Header h) {
        return h == header ? this : new FixResult(h, warnings, facts);
    }

    /** @return this result with one more warning */
    public FixResult warn(FixWarning w) {
        List<FixWarning> all = new ArrayList<>(warnings);
        all.add(Objects.requireNonNull(w, "warning"));
        return new FixResult(header, all, facts);
    }

    /** @return this result with its facts changed by {@code change} */
    public FixResult withFacts(UnaryOperator<ArchiveFacts> change) {
        return new FixResult(header, warnings, change.apply(facts));
    }

    /** @return true when a warning with this code was raised */
    public boolean warned(String code) {
        for (FixWarning w : warnings) {
            if (w.code().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
