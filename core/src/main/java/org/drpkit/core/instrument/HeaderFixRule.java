package org.drpkit.core.instrument;

import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;

/**
 * A named, pure repair step: {@code (result so far, context) -> result}. A rule records every card it changes in the
 * header's fix log (see {@link Header.Builder#fix}), adds its warnings and facts to the result, and returns its input
 * unchanged when it has nothing to do. Most rules only change cards: write them with {@link #of}; rules that warn
 * or derive facts use {@link #onResult}.
 *
 * <pre>{@code
 * HeaderFixRule telescope = HeaderFixRule.of("lab.telescope", (h, ctx) -> h.contains("TELESCOP") ? h
 *         : h.toBuilder().fix("TELESCOP", "Lab 1m", "added: the camera never writes it", "lab.telescope").build());
 * FixResult r = telescope.apply(header, FixContext.offline());
 * }</pre>
 */
public interface HeaderFixRule {

    /** @return the rule's name as it appears in the fix log, e.g. {@code "keck.utc"} */
    String name();

    /**
     * @return the result with the header repaired, and any warning or fact added
     * @throws DrpException {@code HEADER_FIX_FAILED} (or a more specific code) when the header cannot be repaired
     */
    FixResult apply(FixResult in, FixContext context) throws DrpException;

    /**
     * Applies the rule to a header as it is (no earlier warnings or facts); for tests and single rules.
     *
     * @return the result
     * @throws DrpException when the header cannot be repaired
     */
    default FixResult apply(Header header, FixContext context) throws DrpException {
        return apply(FixResult.of(header), context);
    }

    /** The body of a rule that changes cards only, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        /**
         * @return the repaired header
         * @throws DrpException when the header cannot be repaired
         */
        Header apply(Header header, FixContext context) throws DrpException;
    }

    /** The body of a rule that may also warn or derive facts, for {@link #onResult}. */
    @FunctionalInterface
    interface ResultBody {
        /**
         * @return the new result
         * @throws DrpException when the header cannot be repaired
         */
        FixResult apply(FixResult in, FixContext context) throws DrpException;
    }

    /** @return a rule with the given name that changes cards only (warnings and facts pass through) */
    static HeaderFixRule of(String name, Body body) {
        Objects.requireNonNull(body, "body");
        return onResult(name, (in, ctx) -> in.withHeader(body.apply(in.header(), ctx)));
    }

    /** @return a rule with the given name and body */
    static HeaderFixRule onResult(String name, ResultBody body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new HeaderFixRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FixResult apply(FixResult in, FixContext context) throws DrpException {
                return body.apply(in, context);
            }

            @Override
            public String toString() {
                return "HeaderFixRule[" + name + "]";
            }
        };
    }
}
