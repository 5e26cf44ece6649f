package org.drpkit.fits.validate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules on reserved keywords (FITS 4.0 sections 4.4 and 8, and the WCS papers): value types, where each may appear,
 * dates, duplicates and deprecated names. The lists follow what CFITSIO's {@code fitsverify} enforces, with a few
 * additions named in the Javadoc of the test that compares the two.
 */
final class KeywordRules {

    private enum Kind { STRING, FLOAT, INTEGER, LOGICAL }

    private static final Map<String, Kind> EXACT = new HashMap<>();
    private static final Map<Pattern, Kind> INDEXED = new LinkedHashMap<>();
    /** The letters an {@link #INDEXED} pattern can start with (a keyword starting otherwise matches none). */
    private static final String INDEXED_FIRST;
    private static final Set<String> DATES = Set.of("DATE", "DATE-OBS", "DATE-END", "DATE-BEG", "DATEREF");
    private static final Set<String> DEPRECATED = Set.of("BLOCKED", "EPOCH");
    private static final Set<String> ARRAY_ONLY = Set.of("BSCALE", "BZERO", "BUNIT", "BLANK", "DATAMAX", "DATAMIN");
    private static final Pattern TABLE_KEY = Pattern.compile("(TTYPE|TFORM|TUNIT|TDISP|TDIM|TNULL|TSCAL|TZERO|TBCOL)([0-9]+)");
    private static final Pattern DATA_DEFINING = Pattern.compile(
            "(TFORM|TBCOL|TSCAL|TZERO|TNULL|TDIM)[0-9]+|BSCALE|BZERO|BLANK|THEAP");
    private static final Pattern NAXIS_N = Pattern.compile("NAXIS([0-9]+)");
    private static final Pattern DATE_NEW = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})(T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]*)?)?");
    private static final Pattern DATE_OLD = Pattern.compile("([0-9]{2})/([0-9]{2})/([0-9]{2})");

    static {
        for (String k : List.of("TELESCOP", "OBJECT", "INSTRUME", "EXTNAME", "BUNIT", "ORIGIN", "DATE", "DATE-OBS",
                "DATE-END", "DATE-BEG", "DATEREF", "RADESYS", "RADECSYS", "AUTHOR", "REFERENC", "OBSERVER",
                "SPECSYS")) {
            EXACT.put(k, Kind.STRING);
        }
        for (String k : List.of("EQUINOX", "EPOCH", "DATAMAX", "DATAMIN", "BSCALE", "BZERO", "MJD-OBS", "MJD-AVG",
                "LONPOLE", "LATPOLE", "RESTFRQ", "RESTFREQ", "RESTWAV", "OBSGEO-X", "OBSGEO-Y", "OBSGEO-Z",
                "VELOSYS", "ZSOURCE")) {
            EXACT.put(k, Kind.FLOAT);
        }
        for (String k : List.of("EXTVER", "EXTLEVEL", "BLANK", "WCSAXES", "THEAP")) {
            EXACT.put(k, Kind.INTEGER);
        }
        for (String k : List.of("EXTEND", "GROUPS", "INHERIT", "BLOCKED")) {
            EXACT.put(k, Kind.LOGICAL);
        }
        indexed("(CTYPE|CUNIT|CNAME)[0-9]+[A-Z]?", Kind.STRING);
        indexed("(RADESYS|SPECSYS)[A-Z]", Kind.STRING);
        indexed("(TTYPE|TFORM|TUNIT|TDISP|TDIM)[0-9]+", Kind.STRING);
        indexed("(CRVAL|CRPIX|CDELT|CRDER)[0-9]+[A-Z]?", Kind.FLOAT);
        indexed("CROTA[0-9]+", Kind.FLOAT);
        indexed("(CD|PC|PV)[0-9]+_[0-9]+[A-Z]?", Kind.FLOAT);
        indexed("(LONPOLE|LATPOLE)[A-Z]", Kind.FLOAT);
        indexed("(TSCAL|TZERO)[0-9]+", Kind.FLOAT);
        indexed("TBCOL[0-9]+", Kind.INTEGER);
        indexed("WCSAXES[A-Z]", Kind.INTEGER);
        StringBuilder first = new StringBuilder();
        for (Pattern p : INDEXED.keySet()) {
            for (char c : firstLetters(p.pattern()).toCharArray()) {
                if (first.indexOf(String.valueOf(c)) < 0) {
                    first.append(c);
                }
            }
        }
        INDEXED_FIRST = first.toString();
    }

    private KeywordRules() {
    }

    private static void indexed(String regex, Kind kind) {
        INDEXED.put(Pattern.compile(regex), kind);
    }

    /** @return the first letter of a pattern {@code NAME...}, or of each alternative of {@code (A|B|...)...} */
    private static String firstLetters(String regex) {
        String alternatives = regex.startsWith("(") ? regex.substring(1, regex.indexOf(')')) : regex;
        StringBuilder out = new StringBuilder();
        for (String a : alternatives.split("\\|")) {
            if (a.isEmpty() || a.charAt(0) < 'A' || a.charAt(0) > 'Z') {
                throw new IllegalStateException("an indexed keyword pattern must start with a letter: " + regex);
            }
            out.append(a.charAt(0));
        }
        return out.toString();
    }

    static void check(int hdu, List<RawCard> cards, HduStructure s, Findings f) {
        Map<String, RawCard> seen = new HashMap<>();
        for (RawCard c : cards) {
            if (c.isCommentary()) {
                continue;
            }
            String k = c.keyword;
            RawCard first = seen.putIfAbsent(k, c);
            if (first != null && !isMandatory(k, s)) {
                if (DATA_DEFINING.matcher(k).matches() && !c.shown().equals(first.shown())) {
                    f.add(ValidationCode.DUPLICATE_CONFLICT, hdu, c.number, k, k + " = " + c.shown()
                            + " repeats card " + first.number + " (" + first.shown() + "): readers disagree on which"
                            + " one defines the data");
                } else {
                    f.add(ValidationCode.KEYWORD_DUPLICATED, hdu, c.number, k,
                            k + " is repeated (first at card " + first.number + ")");
                }
            }
            checkType(hdu, c, s, f);
            checkAllowed(hdu, c, s, f);
            if (DATES.contains(k) && c.type == RawCard.Type.STRING) {
                String problem = dateProblem(c.value.trim());
                if (problem != null) {
                    f.add(ValidationCode.DATE_BAD_FORMAT, hdu, c.number, k, problem);
                }
            }
            if (DEPRECATED.contains(k)) {
                f.add(ValidationCode.KEYWORD_DEPRECATED, hdu, c.number, k, k + " is deprecated");
            }
        }
    }

    private static boolean isMandatory(String k, HduStructure s) {
        return k.equals("SIMPLE") || k.equals("XTENSION") || k.equals("BITPIX") || k.startsWith("NAXIS")
                || (!s.primary && (k.equals("PCOUNT") || k.equals("GCOUNT") || k.equals("TFIELDS")));
    }

    private static void checkType(int hdu, RawCard c, HduStructure s, Findings f) {
        if (c.type == RawCard.Type.BAD || c.type == RawCard.Type.UNDEFINED) {
            return; // already reported
        }
        Kind kind = kindOf(c.keyword, s);
        if (kind == null) {
            return;
        }
        boolean ok = switch (kind) {
            case STRING -> c.type == RawCard.Type.STRING;
            case FLOAT -> c.isNumber();
            case INTEGER -> c.type == RawCard.Type.INTEGER;
            case LOGICAL -> c.type == RawCard.Type.LOGICAL;
        };
        if (!ok) {
            String want = switch (kind) {
                case STRING -> "a string";
                case FLOAT -> "a number";
                case INTEGER -> "an integer";
                case LOGICAL -> "a logical (T or F)";
            };
            f.add(ValidationCode.KEYWORD_WRONG_TYPE, hdu, c.number, c.keyword,
                    c.keyword + " must be " + want + " but is " + c.typeName() + ": " + c.shown());
        }
    }

    private static Kind kindOf(String k, HduStructure s) {
        if (k.startsWith("TNULL") && TABLE_KEY.matcher(k).matches()) {
            return s.type.equals("TABLE") ? Kind.STRING : Kind.INTEGER;
        }
        Kind kind = EXACT.get(k);
        if (kind != null) {
            return kind;
        }
        if (k.isEmpty() || INDEXED_FIRST.indexOf(k.charAt(0)) < 0) {
            return null; // no indexed pattern can match: spare the regular expressions
        }
        for (Map.Entry<Pattern, Kind> e : INDEXED.entrySet()) {
            if (e.getKey().matcher(k).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void checkAllowed(int hdu, RawCard c, HduStructure s, Findings f) {
        String k = c.keyword;
        String why = null;
        if (s.primary && (k.equals("XTENSION") || (!s.groups && (k.equals("PCOUNT") || k.equals("GCOUNT"))))) {
            why = k + " is not allowed in a primary HDU" + (k.equals("XTENSION") ? "" : " without random groups");
        } else if (!s.primary && (k.equals("SIMPLE") || k.equals("EXTEND") || k.equals("GROUPS"))) {
            why = k + " is not allowed in an extension";
        } else if (s.isTable() && !s.compressedImage && ARRAY_ONLY.contains(k)) {
            why = k + " is not allowed in a table (it applies to arrays)";
        } else if (!s.isTable() && k.startsWith("T")
                && (k.equals("TFIELDS") || k.equals("THEAP") || TABLE_KEY.matcher(k).matches())) {
            why = k + " is not allowed in an array HDU (it describes table columns)";
        } else if (s.bitpix < 0 && k.equals("BLANK")) {
            why = "BLANK is not allowed with floating-point data (BITPIX = " + s.bitpix + ")";
        } else if (s.isBinaryTable() && k.equals("THEAP") && s.pcount == 0) {
            why = "THEAP is present but PCOUNT = 0 (there is no heap)";
        }
        Matcher m = NAXIS_N.matcher(k);
        if (why == null && k.startsWith("NAXIS") && m.matches() && s.naxis() >= 0) {
            long n = Long.parseLong(m.group(1));
            if (n == 0 || n > s.naxis()) {
                why = k + " is not allowed (NAXIS = " + s.naxis() + ")";
            }
        }
        m = TABLE_KEY.matcher(k);
        if (why == null && s.isTable() && s.tfields >= 0 && k.startsWith("T") && m.matches()) {
            long n = Long.parseLong(m.group(2));
            if (n == 0 || n > s.tfields) {
                why = k + " has index " + n + " but TFIELDS = " + s.tfields;
            }
        }
        if (why != null) {
            f.add(ValidationCode.KEYWORD_NOT_ALLOWED, hdu, c.number, k, why);
        }
    }

    /** @return why a date value is malformed, or null when it is {@code YYYY-MM-DD[Thh:mm:ss[.s]]} or {@code DD/MM/YY} */
    static String dateProblem(String v) {
        Matcher m = DATE_NEW.matcher(v);
        int year;
        int month;
        int day;
        if (m.matches()) {
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            day = Integer.parseInt(m.group(3));
            if (m.group(4) != null && (Integer.parseInt(m.group(5)) > 23 || Integer.parseInt(m.group(6)) > 59
                    || Integer.parseInt(m.group(7)) > 60)) {
                return "time out of range in '" + v + "'";
            }
        } else {
            m = DATE_OLD.matcher(v);
            if (!m.matches()) {
                return "'" + v + "' is not a FITS date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.sss], or the old DD/MM/YY)";
            }
            day = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            year = 1900 + Integer.parseInt(m.group(3));
        }
        if (month < 1 || month > 12) {
            return "month " + month + " out of range in '" + v + "'";
        }
        if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return "day " + day + " out of range in '" + v + "'";
        }
        return null;
    }
}
