package org.drpkit.fits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.error.Location;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;

/**
 * Reads APOGEE line lists into {@link LineList}s: the arc-lamp lists ({@code UNe.vac.apogee},
 * {@code tharne.lines.vac.apogee}: a {@code #} header line naming whitespace-separated columns, of which WAVE (vacuum
 * Angstrom) and FLUX are used, and CHIPNUM when a chip is asked for) and the sky-line list of ApogeeReduction.jl
 * ({@code APOGEE_lines.csv}: comma-separated with quoted fields that may span lines; {@code wav} in nm, converted to
 * Angstrom, {@code intensity}, and {@code label}, where OH lines are the labels in band notation such as
 * {@code (4-2)pP1f(7.5)}). Bad input raises a {@link DrpException} with a {@link LineListErrorCode} naming the file
 * and line; nothing is returned in part.
 *
 * <pre>{@code
 * LineList une = LineListFiles.readArc(Path.of("../shared/data/apogee/UNe.vac.apogee"), 0);   // all chips
 * LineList oh = LineListFiles.readSky(Path.of("../shared/data/apogee/APOGEE_lines.csv"));
 * }</pre>
 */
public final class LineListFiles {

    private LineListFiles() {
    }

    /**
     * @param file    an APOGEE arc line list
     * @param chipNum only rows of this CHIPNUM (1 red .. 3 blue); 0 for all
     * @return the lines, named after the file's first dot-separated word (e.g. "UNe")
     * @throws DrpException {@code LINELIST_UNREADABLE}, {@code LINELIST_BAD_HEADER} (no WAVE, FLUX or CHIPNUM
     *                      column), {@code LINELIST_BAD_ROW}, {@code LINELIST_EMPTY}
     */
    public static LineList readArc(Path file, int chipNum) throws DrpException {
        List<double[]> rows = new ArrayList<>();
        for (Row r : arcRows(file, false)) {
            if (chipNum == 0 || r.line.chip() == chipNum) {
                rows.add(new double[] {r.line.wavelength(), r.line.flux(), r.at});
            }
        }
        return list(file, rows);
    }

    /**
     * Every row of an APOGEE arc line list with all its columns: CHIPNUM, XPIX, WAVE and FLUX are required, NAME,
     * USEWAVE (default 0) and WAVEGROUP (default -1) are read when the header names them.
     *
     * <pre>{@code
     * List<ArcLine> une = LineListFiles.readArcLines(Path.of("../shared/data/apogee/UNe.vac.apogee"));
     * une.stream().filter(l -> l.chip() == 2 && l.useWave()).count();   // 73
     * }</pre>
     *
     * @param file an APOGEE arc line list
     * @return the rows in file order
     * @throws DrpException {@code LINELIST_UNREADABLE}, {@code LINELIST_BAD_HEADER} (no CHIPNUM, XPIX, WAVE or FLUX
     *                      column), {@code LINELIST_BAD_ROW} (also a wavelength that is not positive, a CHIPNUM
     *                      other than 1..3), {@code LINELIST_EMPTY}
     */
    public static List<ArcLine> readArcLines(Path file) throws DrpException {
        List<ArcLine> out = new ArrayList<>();
        for (Row r : arcRows(file, true)) {
            out.add(r.line);
        }
        return List.copyOf(out);
    }

    private record Row(ArcLine line, int at) {
    }

    /** @param needXpix whether the XPIX column is required (else it may be absent and reads as 0) */
    private static List<Row> arcRows(Path file, boolean needXpix) throws DrpException {
        List<String> text = lines(file);
        int h = 0;
        while (h < text.size() && text.get(h).isBlank()) {
            h++;
        }
        if (h == text.size() || !text.get(h).startsWith("#")) {
            throw bad(LineListErrorCode.LINELIST_BAD_HEADER, file, h + 1, "no '#' header line naming the columns");
        }
        List<String> names = Arrays.asList(text.get(h).substring(1).trim().toUpperCase(Locale.ROOT).split("\\s+"));
        int wave = column(names, "WAVE", file, h);
        int flux = column(names, "FLUX", file, h);
        int chip = column(names, "CHIPNUM", file, h);
        int xpix = needXpix ? column(names, "XPIX", file, h) : names.indexOf("XPIX");
        int id = names.indexOf("ID");
        int name = names.indexOf("NAME");
        int use = names.indexOf("USEWAVE");
        int group = names.indexOf("WAVEGROUP");
        List<Row> rows = new ArrayList<>();
        for (int i = h + 1; i < text.size(); i++) {
            String line = text.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < names.size()) {
                throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, i + 1, f.length + " fields, the header names "
                        + names.size());
            }
            double c = number(f[chip], "CHIPNUM", file, i);
            double w = number(f[wave], "WAVE", file, i);
            double fl = number(f[flux], "FLUX", file, i);
            if (c != 1 && c != 2 && c != 3) {
                throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, i + 1, "CHIPNUM " + f[chip] + " is not 1, 2 or 3");
            }
            if (!(w > 0) || !(fl >= 0)) {
                throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, i + 1, "wavelength " + w + " or flux " + fl
                        + " out of range");
            }
            rows.add(new Row(new ArcLine(id < 0 ? Integer.toString(rows.size() + 1) : f[id], (int) c,
                    xpix < 0 ? 0 : number(f[xpix], "XPIX", file, i), w, fl, name < 0 ? "" : f[name],
                    use >= 0 && number(f[use], "USEWAVE", file, i) == 1,
                    group < 0 ? -1 : (int) number(f[group], "WAVEGROUP", file, i)), i + 1));
        }
        if (rows.isEmpty()) {
            throw bad(LineListErrorCode.LINELIST_EMPTY, file, 1, "no lines");
        }
        return rows;
    }

    /**
     * @param file ApogeeReduction.jl's {@code APOGEE_lines.csv}
     * @return the OH lines, Angstrom, named "OH"
     * @throws DrpException {@code LINELIST_UNREADABLE}, {@code LINELIST_BAD_HEADER} (no wav, intensity or label
     *                      column), {@code LINELIST_BAD_ROW} (also an unclosed quote), {@code LINELIST_EMPTY}
     */
    public static LineList readSky(Path file) throws DrpException {
        List<String> text = lines(file);
        List<List<String>> records = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        List<String> rec = new ArrayList<>();
        boolean quoted = false;
        int start = 1;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    rec.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            if (quoted) {
                field.append('\n');
                continue;
            }
            rec.add(field.toString());
            field.setLength(0);
            if (!(rec.size() == 1 && rec.get(0).isBlank())) {
                records.add(rec);
                at.add(start);
            }
            rec = new ArrayList<>();
            start = i + 2;
        }
        if (quoted) {
            throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, start, "a quoted field is never closed");
        }
        if (records.isEmpty()) {
            throw bad(LineListErrorCode.LINELIST_EMPTY, file, 1, "no header line");
        }
        List<String> names = records.get(0).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        int wav = column(names, "wav", file, 0);
        int inten = column(names, "intensity", file, 0);
        int label = column(names, "label", file, 0);
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> f = records.get(r);
            int line = at.get(r) - 1;
            if (f.size() != names.size()) {
                throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, line + 1, f.size() + " fields, the header names "
                        + names.size());
            }
            if (f.get(label).trim().startsWith("(")) {
                rows.add(new double[] {10 * number(f.get(wav), "wav", file, line),
                    number(f.get(inten), "intensity", file, line), line + 1});
            }
        }
        return new LineList("OH", checked(file, rows, 0), checked(file, rows, 1));
    }

    private static LineList list(Path file, List<double[]> rows) throws DrpException {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return new LineList(dot > 0 ? name.substring(0, dot) : name, checked(file, rows, 0), checked(file, rows, 1));
    }

    /** @return column j of the rows, each wavelength positive and each intensity non-negative */
    private static double[] checked(Path file, List<double[]> rows, int j) throws DrpException {
        if (rows.isEmpty()) {
            throw bad(LineListErrorCode.LINELIST_EMPTY, file, 1, "no lines");
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            double v = rows.get(i)[j];
            if (j == 0 ? !(v > 0) : !(v >= 0)) {
                throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, (int) rows.get(i)[2],
                        (j == 0 ? "wavelength " : "intensity ") + v + " out of range");
            }
            out[i] = v;
        }
        return out;
    }

    private static List<String> lines(Path file) throws DrpException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DrpException(LineListErrorCode.LINELIST_UNREADABLE, Location.file(file.toString()),
                    "cannot read the line list: " + e.getMessage(), e);
        }
    }

    private static int column(List<String> names, String name, Path file, int line) throws DrpException {
        int c = names.indexOf(name);
        if (c < 0) {
            throw bad(LineListErrorCode.LINELIST_BAD_HEADER, file, line + 1, "no column " + name + " in " + names);
        }
        return c;
    }

    private static double number(String s, String what, Path file, int line) throws DrpException {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(LineListErrorCode.LINELIST_BAD_ROW, file, line + 1, what + " '" + s.trim() + "' is not a number");
    }

    private static DrpException bad(LineListErrorCode code, Path file, int line, String detail) {
        return new DrpException(code, Location.file(file.toString()), "line " + line + ": " + detail);
    }
}
