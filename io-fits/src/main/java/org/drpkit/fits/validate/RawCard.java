package org.drpkit.fits.validate;

import java.util.regex.Pattern;

/**
 * One 80-byte header card as written, split into keyword, value and comment by the FITS rules (value indicator
 * {@code "= "} in bytes 9-10; strings in single quotes with doubled quotes inside; fixed or free format numbers).
 * Parsing never fails: syntax problems are kept in {@link #problem} for the validator to report.
 */
final class RawCard {

    /** The kind of value a card holds. */
    enum Type {
        /** Commentary card (COMMENT, HISTORY, blank keyword, no value indicator, HIERARCH, CONTINUE). */
        NONE,
        /** Value indicator but no value. */
        UNDEFINED,
        STRING,
        LOGICAL,
        INTEGER,
        FLOAT,
        COMPLEX,
        /** A value that cannot be parsed ({@link #problem} says why). */
        BAD
    }

    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([EDed][+-]?[0-9]+)?");

    final int number;
    final String image;
    final String keyword;
    final Type type;
    /** The string without quotes and trailing blanks, the number or logical token, or null. */
    final String value;
    /** 0-based column of a string's closing quote, or -1. */
    final int stringEnd;
    /** A syntax problem of the value, or null. */
    final String problem;
    /** 0-based column where the comment starts (after {@code /}), or -1. */
    final int commentStart;

    private RawCard(int number, String image, String keyword, Type type, String value, int stringEnd, String problem,
            int commentStart) {
        this.number = number;
        this.image = image;
        this.keyword = keyword;
        this.type = type;
        this.value = value;
        this.stringEnd = stringEnd;
        this.problem = problem;
        this.commentStart = commentStart;
    }

    /**
     * @param number 1-based card number
     * @param image  80 characters (ISO-8859-1, so each byte is one char)
     */
    static RawCard parse(int number, String image) {
        String keyword = image.substring(0, 8).trim();
        boolean indicator = image.charAt(8) == '=' && image.charAt(9) == ' ';
        if (!indicator || keyword.isEmpty() || keyword.equals("COMMENT") || keyword.equals("HISTORY")
                || keyword.equals("CONTINUE") || image.startsWith("HIERARCH")) {
            return new RawCard(number, image, image.startsWith("HIERARCH") ? "HIERARCH" : keyword, Type.NONE, null,
                    -1, null, -1);
        }
        int i = 10;
        while (i < 80 && image.charAt(i) == ' ') {
            i++;
        }
        if (i == 80 || image.charAt(i) == '/') {
            return new RawCard(number, image, keyword, Type.UNDEFINED, null, -1, null, i == 80 ? -1 : i + 1);
        }
        if (image.charAt(i) == '\'') {
            return parseString(number, image, keyword, i);
        }
        int slash = image.indexOf('/', i);
        String token = image.substring(i, slash < 0 ? 80 : slash).trim();
        if (token.isEmpty()) { // only control characters before the comment: trim() took them all
            return new RawCard(number, image, keyword, Type.BAD, token, -1,
                    "value '" + escaped(image.substring(i, slash < 0 ? 80 : slash)) + "' has no known type",
                    slash < 0 ? -1 : slash + 1);
        }
        int comment = slash < 0 ? -1 : slash + 1;
        Type type;
        String problem = null;
        if (token.equals("T") || token.equals("F")) {
            type = Type.LOGICAL;
        } else if (token.startsWith("(")) {
            problem = complexProblem(token);
            type = problem == null ? Type.COMPLEX : Type.BAD;
        } else if (isInteger(token)) {
            type = Type.INTEGER;
        } else if (REAL.matcher(token).matches()) {
            if (token.indexOf('e') >= 0 || token.indexOf('d') >= 0) {
                type = Type.BAD;
                problem = "lower-case exponent in the number " + token;
            } else {
                type = Type.FLOAT;
            }
        } else {
            type = Type.BAD;
            problem = Character.isDigit(token.charAt(0)) || token.charAt(0) == '-' || token.charAt(0) == '+'
                    || token.charAt(0) == '.' ? "bad number '" + token + "'" : "value '" + token + "' has no known type";
        }
        return new RawCard(number, image, keyword, type, token, -1, problem, comment);
    }

    private static RawCard parseString(int number, String image, String keyword, int open) {
        StringBuilder v = new StringBuilder();
        int k = open + 1;
        while (k < 80) {
            char c = image.charAt(k);
            if (c == '\'') {
                if (k + 1 < 80 && image.charAt(k + 1) == '\'') {
                    v.append('\'');
                    k += 2;
                    continue;
                }
                break;
            }
            v.append(c);
            k++;
        }
        if (k >= 80) {
            return new RawCard(number, image, keyword, Type.BAD, v.toString(), -1, "the closing quote of the string is missing", -1);
        }
        int rest = k + 1;
        while (rest < 80 && image.charAt(rest) == ' ') {
            rest++;
        }
        String problem = null;
        int comment = -1;
        if (rest < 80) {
            if (image.charAt(rest) == '/') {
                comment = rest + 1;
            } else {
                problem = "characters after the string and before the comment: '" + escaped(image.substring(rest)) + "'";
            }
        }
        String s = v.toString().stripTrailing();
        return new RawCard(number, image, keyword, problem == null ? Type.STRING : Type.BAD, s, k, problem, comment);
    }

    private static String complexProblem(String token) {
        if (!token.endsWith(")")) {
            return "complex value '" + token + "' has no closing parenthesis";
        }
        String[] parts = token.substring(1, token.length() - 1).split(",", -1);
        if (parts.length != 2) {
            return "complex value '" + token + "' needs two parts";
        }
        for (String p : parts) {
            String t = p.trim();
            if (!isInteger(t) && !(REAL.matcher(t).matches() && t.indexOf('e') < 0 && t.indexOf('d') < 0)) {
                return "complex value '" + token + "' has a bad part '" + t + "'";
            }
        }
        return null;
    }

    /** @return the text with bytes outside printable ASCII shown as {@code \xHH}, trailing blanks removed */
    static String escaped(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.stripTrailing().toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return sb.toString();
    }

    boolean isCommentary() {
        return type == Type.NONE;
    }

    /** @return the integer value, or null when the card is not an integer (or too large for a long) */
    Long asLong() {
        if (type != Type.INTEGER) {
            return null;
        }
        try {
            return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return true for integers and reals (the types a floating-point keyword accepts) */
    boolean isNumber() {
        return type == Type.INTEGER || type == Type.FLOAT;
    }

    /** @return a short description of the value for messages */
    String shown() {
        return switch (type) {
            case STRING -> "'" + value + "'";
            case UNDEFINED -> "(no value)";
            case NONE -> "(commentary)";
            default -> value;
        };
    }

    /** @return the type in words, for messages */
    String typeName() {
        return switch (type) {
            case STRING -> "a string";
            case LOGICAL -> "a logical";
            case INTEGER -> "an integer";
            case FLOAT -> "a floating-point number";
            case COMPLEX -> "a complex number";
            case UNDEFINED -> "undefined";
            case BAD -> "unparsable";
            case NONE -> "commentary";
        };
    }

    /** @return true for an integer token, {@code [+-]?[0-9]+} (checked without a regular expression: once per card) */
    static boolean isInteger(String t) {
        int i = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        if (i >= t.length()) {
            return false;
        }
        for (; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
