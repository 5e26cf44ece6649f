package org.drpkit.fits.table;

import java.util.Objects;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;

/**
 * One problem of a keyword table, found by {@link KeywordTable#check}: what (a stable code), where (file and line,
 * 1-based, the header row being line 1) and which keyword, if a row is concerned.
 *
 * <pre>{@code
 * KeywordTable.check("KOA_NIRES_Keyword_Table.txt", text).get(0);
 * // KOA_NIRES_Keyword_Table.txt:7: AIRMASS: KEYWORD_DEFINED_TWICE FITSKeyword AIRMASS is defined twice (first at line 3)
 * }</pre>
 *
 * @param code    the problem: a case of {@link TableErrorCode#KEYWORD_TABLE_INVALID}
 * @param file    the table's name
 * @param line    the line, 1-based (1 = the header row)
 * @param keyword the row's FITS keyword, or null for a problem of the header row or the table
 * @param detail  what is wrong, for a person
 */
public record KeywordTableFinding(TableErrorCode code, String file, int line, String keyword, String detail) {

    /** Checks the fields. */
    public KeywordTableFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the exception a load throws for this finding: its code, {@code file:line} and keyword */
    public DrpException toException(String more) {
        Location where = Location.file(file + ":" + line);
        return new DrpException(code, keyword == null ? where : where.keyword(keyword), detail + more);
    }

    /** @return {@code file:line: keyword: CODE detail} */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (keyword == null ? "" : keyword + ": ") + code.name() + " " + detail;
    }
}
