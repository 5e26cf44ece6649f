package org.drpkit.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ArchiveCompare} found between two archive trees: the counts of products compared, the differences
 * beyond the tolerances, and the notes of differences within them. {@link #toString()} is the text report,
 * {@link #toJson()} the same for machines, {@link #toMarkdown()} and {@link #toHtml()} a short file for people.
 *
 * <pre>{@code
 * CompareResult r = ArchiveCompare.compare(before, after);
 * String report = r.equal() ? r.summary() : r.toString();
 * }</pre>
 *
 * @param oldRoot       the tree compared against
 * @param newRoot       the tree compared
 * @param products      products present in both trees and compared
 * @param metadataTables metadata tables among them
 * @param md5Tables     md5sum tables among them
 * @param previews      previews among them
 * @param skipped       files that are not products (logs, ledgers, stage copies, transfer tables), both trees
 * @param differences   the differences beyond the tolerances, in path order
 * @param notes         the differences within the tolerances
 */
public record CompareResult(Path oldRoot, Path newRoot, int products, int metadataTables, int md5Tables, int previews,
        int skipped, List<Difference> differences, List<Difference> notes) {

    /** What kind of product differs, or how. */
    public enum Kind {
        /** A product in the old tree only. */
        ONLY_IN_OLD,
        /** A product in the new tree only. */
        ONLY_IN_NEW,
        /** A metadata cell, a column, or a KOAID of a metadata table. */
        METADATA,
        /** A line of an md5sum table that must match, or a file listed on one side only. */
        MD5,
        /** A preview's size or pixels. */
        PREVIEW,
        /** Any other product's bytes. */
        CONTENT,
        /** A product that cannot be read or parsed in one of the trees. */
        UNREADABLE
    }

    /**
     * One difference or note.
     *
     * @param kind   what differs
     * @param path   the product, relative to the roots
     * @param detail what differs, with both values
     */
    public record Difference(Kind kind, String path, String detail) {
        /** Checks the fields. */
        public Difference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return kind + " " + path + ": " + detail;
        }
    }

    /** Copies the lists. */
    public CompareResult {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    /** @return true when no product differs beyond the tolerances */
    public boolean equal() {
        return differences.isEmpty();
    }

    /** @return the number of differences of a kind */
    public long count(Kind kind) {
        return differences.stream().filter(d -> d.kind() == kind).count();
    }

    /** @return one line of counts: the verdict */
    public String summary() {
        return (equal() ? "EQUAL" : "DIFFERENT") + ": " + products + " products in both trees (" + metadataTables
                + " metadata tables, " + md5Tables + " md5 tables, " + previews + " previews), " + differences.size()
                + " differences, " + notes.size() + " within tolerance, " + skipped + " other files skipped";
    }

    /** @return the text report: the roots, the summary, then one line per difference and per note */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("compare ").append(oldRoot).append(" (old) with ").append(newRoot).append(" (new)\n");
        sb.append(summary()).append('\n');
        for (Difference d : differences) {
            sb.append("  ").append(d).append('\n');
        }
        for (Difference d : notes) {
            sb.append("  within tolerance: ").append(d).append('\n');
        }
        return sb.toString();
    }

    /** @return the result as an indented JSON document */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", oldRoot.toString());
        m.put("new", newRoot.toString());
        m.put("equal", equal());
        m.put("products", products);
        m.put("metadataTables", metadataTables);
        m.put("md5Tables", md5Tables);
        m.put("previews", previews);
        m.put("skipped", skipped);
        m.put("differences", json(differences));
        m.put("notes", json(notes));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    /** @return a short Markdown report: the summary and a table of the differences and notes */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Archive compare\n\n").append("- old: `").append(oldRoot).append("`\n- new: `").append(newRoot)
                .append("`\n\n**").append(summary()).append("**\n\n");
        if (!differences.isEmpty() || !notes.isEmpty()) {
            sb.append("| | kind | product | detail |\n|---|---|---|---|\n");
            for (Difference d : differences) {
                sb.append("| differs | ").append(d.kind()).append(" | `").append(d.path()).append("` | ")
                        .append(d.detail().replace("|", "\\|")).append(" |\n");
            }
            for (Difference d : notes) {
                sb.append("| within tolerance | ").append(d.kind()).append(" | `").append(d.path()).append("` | ")
                        .append(d.detail().replace("|", "\\|")).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** @return a short self-contained HTML report with the same content as {@link #toMarkdown()} */
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Archive compare</title></head><body>\n")
                .append("<h1>Archive compare</h1>\n<p>old: <code>").append(esc(oldRoot.toString()))
                .append("</code><br>new: <code>").append(esc(newRoot.toString())).append("</code></p>\n<p><b>")
                .append(esc(summary())).append("</b></p>\n");
        if (!differences.isEmpty() || !notes.isEmpty()) {
            sb.append("<table border=\"1\">\n<tr><th></th><th>kind</th><th>product</th><th>detail</th></tr>\n");
            for (Difference d : differences) {
                row(sb, "differs", d);
            }
            for (Difference d : notes) {
                row(sb, "within tolerance", d);
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder sb, String what, Difference d) {
        sb.append("<tr><td>").append(what).append("</td><td>").append(d.kind()).append("</td><td><code>")
                .append(esc(d.path())).append("</code></td><td>").append(esc(d.detail())).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static List<Map<String, String>> json(List<Difference> ds) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Difference d : ds) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("kind", d.kind().name());
            m.put("path", d.path());
            m.put("detail", d.detail());
            out.add(m);
        }
        return out;
    }
}
