package org.drpkit.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;

/**
 * A primary header as the archive's {@code headers} table stores it (koa-dep section 1.5 step 22):
 * {@code {"KEY": {"value": V, "comment": "..."}, ...}} in header order.
 *
 * <ul>
 * <li>Each key's value is the card's own, typed: strings as strings (an empty string stays {@code ""}), logicals as
 * {@code true}/{@code false}, integers and reals as JSON numbers; an undefined value, and a real that is NaN or
 * infinite (JSON has no such number), as {@code null}.</li>
 * <li><b>Quirk Q18 / open item 17, fixed:</b> the archive read each key through the instrument's keyword map, so a
 * mapped key stored another keyword's value (and {@code ''} became null). Here every key stores its own card's
 * value: the JSON says exactly what the archived file's header says.</li>
 * <li>COMMENT, HISTORY and blank-keyword cards are left out (the archive skipped COMMENT and blank keys; HISTORY has
 * no single value either).</li>
 * <li>A keyword present more than once keeps its <b>first</b> card's value and comment (the archive, by its
 * dictionary, kept one too); the repeated keywords are listed in {@link #repeated()} so the caller can say so.</li>
 * </ul>
 *
 * <pre>{@code
 * HeadersJson j = HeadersJson.of(FitsHeaders.readPrimary(Path.of("N2.20170725.37273.00.fits")));
 * j.json();   // {"SIMPLE":{"value":true,"comment":"..."},"BITPIX":{"value":16,...},...}
 * }</pre>
 *
 * @param json     the JSON text
 * @param keys     how many keys it holds
 * @param repeated keywords found more than once (first card kept), in header order
 * @param skipped  commentary cards left out
 */
public record HeadersJson(String json, int keys, List<String> repeated, int skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public HeadersJson {
        Objects.requireNonNull(json, "json");
        repeated = List.copyOf(repeated);
    }

    /** @return the JSON of {@code header} by the rules of the class */
    public static HeadersJson of(Header header) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Set<String> repeated = new LinkedHashSet<>();
        int skipped = 0;
        for (Card c : header) {
            if (c.isCommentary()) {
                skipped++;
                continue;
            }
            String key = c.key();
            if (root.has(key)) {
                repeated.add(key);
                continue;
            }
            ObjectNode entry = root.putObject(key);
            Object v = c.value();
            if (v instanceof String s) {
                entry.put("value", s);
            } else if (v instanceof Boolean b) {
                entry.put("value", b);
            } else if (v instanceof Long l) {
                entry.put("value", l);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                entry.put("value", d);
            } else {
                entry.putNull("value");
            }
            entry.put("comment", c.comment());
        }
        try {
            return new HeadersJson(JSON.writeValueAsString(root), root.size(), new ArrayList<>(repeated), skipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers cannot fail to print", e);
        }
    }

    @Override
    public String toString() {
        return "headers JSON of " + keys + " keys (" + skipped + " commentary cards left out"
                + (repeated.isEmpty() ? "" : "; repeated, first kept: " + String.join(", ", repeated)) + ", "
                + json.length() + " characters)";
    }
}
