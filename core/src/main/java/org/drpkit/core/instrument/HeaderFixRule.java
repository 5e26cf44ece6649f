package org.drpkit.core.instrument;

import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;

/**
 * A named, pure repair of a header: {@code (header, context) -> header}. A rule records every change it makes
 * in the returned header's fix log (see {@link Header.Builder#fix}) and returns its input unchanged when it has
 * nothing to do.
 *
 * <pre>{@code
 * HeaderFixRule telescope = HeaderFixRule.of("kcwi.telescope", (h, ctx) -> h.contains("TELESCOP") ? h
 *         : h.toBuilder().fix("TELESCOP", "Keck II", "KOA: added", "kcwi.telescope").build());
 * }</pre>
 */
public interface HeaderFixRule {

    /** @return the rule's name as it appears in the fix log, e.g. {@code "keck.utc"} */
    String name();

    /**
     * @return the repaired header
     * @throws DrpException {@code HEADER_FIX_FAILED} (or a more specific code) when the header cannot be repaired
     */
    Header apply(Header header, FixContext context) throws DrpException;

    /** The body of a rule, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        /**
         * @return the repaired header
         * @throws DrpException when the header cannot be repaired
         */
        Header apply(Header header, FixContext context) throws DrpException;
    }

    /** @return a rule with the given name and body */
    static HeaderFixRule of(String name, Body body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new HeaderFixRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Header apply(Header header, FixContext context) throws DrpException {
                return body.apply(header, context);
            }

            @Override
            public String toString() {
                return "HeaderFixRule[" + name + "]";
            }
        };
    }
}
