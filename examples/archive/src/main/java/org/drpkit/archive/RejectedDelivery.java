package org.drpkit.archive;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a rejected (INVALID) file, kept with its log in the {@code anc/} area, is also delivered to the archive by
 * the service's {@link Transfer}: never ({@link #NONE}, the default, as the archive's real-time ingest did), always
 * ({@link #ALL}), or only for some status codes. Delivery never changes the row's state: it stays INVALID and gets a
 * {@code REJECTED_DELIVERED} event.
 *
 * <pre>{@code
 * RejectedDelivery rule = RejectedDelivery.parse("MISMATCHED_FILENAME,FILEPATH_REJECT");
 * rule.delivers("MISMATCHED_FILENAME");   // true
 * }</pre>
 *
 * @param all   every rejected file is delivered
 * @param codes the status codes whose files are delivered (when not {@code all})
 */
public record RejectedDelivery(boolean all, Set<String> codes) {

    /** Rejected files stay in {@code anc/}. */
    public static final RejectedDelivery NONE = new RejectedDelivery(false, Set.of());
    /** Every rejected file is delivered. */
    public static final RejectedDelivery ALL = new RejectedDelivery(true, Set.of());

    /** Copies the codes. */
    public RejectedDelivery {
        codes = Set.copyOf(codes);
    }

    /** @return the rule for {@code none}, {@code all} or a comma-separated list of status codes */
    public static RejectedDelivery parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (t.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (t.equalsIgnoreCase("all")) {
            return ALL;
        }
        Set<String> c = new TreeSet<>();
        Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(c::add);
        if (c.isEmpty()) {
            throw new IllegalArgumentException("a rejected-delivery rule is none, all or status codes, not '" + text
                    + "'");
        }
        return new RejectedDelivery(false, c);
    }

    /** @return whether a file rejected with {@code statusCode} is delivered */
    public boolean delivers(String statusCode) {
        return all || codes.contains(statusCode);
    }

    @Override
    public String toString() {
        return all ? "deliver all rejected" : codes.isEmpty() ? "deliver no rejected" : "deliver rejected "
                + String.join(",", new TreeSet<>(codes));
    }
}
