package org.drpkit.instruments.keck.koa;

import java.util.Locale;
import java.util.Optional;

/**
 * Program-id rules of the archive (koa-dep section 4.5): validity, the {@code SEM_PROG} form, and title escaping.
 *
 * <pre>{@code
 * ProgramIds.isValid("C257");          // true
 * ProgramIds.isValid("2019A_C257");    // true
 * ProgramIds.semester("2019A_C257");   // Optional[2019A]
 * ProgramIds.asciiTitle("Ré");         // "R&#233;"
 * }</pre>
 */
public final class ProgramIds {

    /** The engineering program. */
    public static final String ENG = "ENG";
    /** No program. */
    public static final String NONE = "NONE";

    private ProgramIds() {
    }

    /**
     * Valid: not empty and not NONE; at most one {@code _}; the program part 3 to 5 characters without a space and
     * not containing {@code PROGID}; the semester part, when present, 5 characters.
     */
    public static boolean isValid(String progid) {
        if (progid == null) {
            return false;
        }
        String p = progid.trim();
        if (p.isEmpty() || p.equalsIgnoreCase(NONE)) {
            return false;
        }
        String[] parts = p.split("_", -1);
        if (parts.length > 2) {
            return false;
        }
        String prog = parts[parts.length - 1];
        if (prog.length() < 3 || prog.length() > 5 || prog.contains(" ") || prog.toUpperCase(Locale.ROOT).contains("PROGID")) {
            return false;
        }
        return parts.length == 1 || parts[0].length() == 5;
    }

    /** @return the semester of a valid {@code SEM_PROG} id, e.g. {@code 2019A} */
    public static Optional<String> semester(String progid) {
        if (!isValid(progid) || !progid.trim().contains("_")) {
            return Optional.empty();
        }
        return Optional.of(progid.trim().split("_")[0]);
    }

    /** @return the program part of an id ({@code C257} for {@code 2019A_C257}) */
    public static String program(String progid) {
        String p = progid.trim();
        int u = p.indexOf('_');
        return u < 0 ? p : p.substring(u + 1);
    }

    /** @return the title in ASCII, other characters written as XML character references ({@code &#NNN;}) */
    public static String asciiTitle(String title) {
        StringBuilder sb = new StringBuilder();
        title.codePoints().forEach(cp -> {
            if (cp < 128) {
                sb.append((char) cp);
            } else {
                sb.append("&#").append(cp).append(';');
            }
        });
        return sb.toString();
    }
}
