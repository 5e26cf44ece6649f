package org.drpkit.archive.almanac;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.drpkit.archive.FitsFiles;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Header;
import org.drpkit.core.instrument.ExposureFacts;
import org.drpkit.core.instrument.FixContext;
import org.drpkit.core.instrument.FixResult;
import org.drpkit.core.instrument.InstrumentPlugin;
import org.drpkit.core.instrument.Instruments;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.HduInfo;
import org.drpkit.fits.HeaderScan;
import org.drpkit.fits.checksum.Md5;
import org.drpkit.fits.validate.Finding;
import org.drpkit.fits.validate.FitsValidator;
import org.drpkit.fits.validate.ValidationCode;
import org.drpkit.fits.validate.ValidationReport;
import org.drpkit.fits.validate.ValidatorOptions;

/**
 * Reads one raw file into an {@link AlmanacEntry}: the validator on headers, sizes and fill (no checksums, no table
 * rows), every header it can read, the instrument plugin ({@link Instruments#forFile}), its fixes and its
 * {@link InstrumentPlugin#exposureFacts}, and the MD5. Never throws for what is wrong with the file: the state and
 * reason say it.
 *
 * <pre>{@code
 * AlmanacEntry e = RawFiles.read(path, size, mtime, Instruments.load(), true);
 * }</pre>
 */
final class RawFiles {

    /** Validator findings that make a file {@link FileState#MALFORMED}: its structure, not its keywords. */
    static final Set<ValidationCode> STRUCTURAL = Set.copyOf(EnumSet.of(ValidationCode.FILE_NOT_FOUND,
            ValidationCode.FILE_UNREADABLE, ValidationCode.FILE_EMPTY, ValidationCode.NOT_FITS,
            ValidationCode.HEADER_NO_END, ValidationCode.END_NOT_BLANK, ValidationCode.HEADER_FILL_NOT_BLANK,
            ValidationCode.MANDATORY_MISSING, ValidationCode.MANDATORY_OUT_OF_ORDER, ValidationCode.MANDATORY_BAD_VALUE,
            ValidationCode.HDU_UNLOCATABLE, ValidationCode.DATA_TRUNCATED, ValidationCode.DATA_FILL_MISSING,
            ValidationCode.DATA_FILL_INVALID, ValidationCode.TRAILING_BYTES, ValidationCode.CHECK_FAILED));

    private static final ValidatorOptions HEADERS_ONLY = new ValidatorOptions(false, false);

    private RawFiles() {
    }

    /** @return true for the names the almanac indexes: FITS names, {@code .apz} and fpacked {@code .fz} */
    static boolean isRawName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return FitsFiles.hasFitsName(p) || n.endsWith(".apz") || n.endsWith(".fz");
    }

    /** The entry and the keyword schema of the header the plugin was chosen by (null without one). */
    record Read(AlmanacEntry entry, KeywordSchema schema) {
    }

    /**
     * @param file     the file, absolute and normalised
     * @param size     its size as listed
     * @param modified its modification time as listed
     * @param md5      compute the MD5 (reads the whole file)
     */
    static Read read(Path file, long size, Instant modified, Instruments instruments, boolean md5) {
        ValidationReport report = FitsValidator.validate(file, HEADERS_ONLY);
        List<String> structural = new ArrayList<>();
        Set<String> warnings = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (f.isError() && STRUCTURAL.contains(f.code())) {
                structural.add(describe(f));
            } else {
                warnings.add(f.code().name());
            }
        }
        HeaderScan scan = FitsHeaders.scanReadable(file);
        List<Header> headers = new ArrayList<>();
        for (HduInfo h : scan.hdus()) {
            headers.add(h.header());
        }
        String sum = "";
        if (md5 && report.findings().stream().noneMatch(f -> f.code() == ValidationCode.FILE_NOT_FOUND
                || f.code() == ValidationCode.FILE_UNREADABLE)) {
            try {
                sum = Md5.hex(file);
            } catch (DrpException e) {
                structural.add(e.getMessage());
            }
        }
        String problem = String.join("; ", structural);
        if (problem.isEmpty() && scan.problem().isPresent()) {
            problem = scan.problem().get().getMessage();
        }
        Builder b = new Builder(file, size, modified, sum, List.copyOf(warnings));
        if (headers.isEmpty()) {
            return b.build("", "", Optional.empty(), FileState.MALFORMED, problem.isEmpty() ? "no header" : problem,
                    "0 HDUs", null);
        }
        Instruments.FileMatch match;
        try {
            match = instruments.forFile(headers);
        } catch (DrpException e) {
            return b.build("", "", Optional.empty(), problem.isEmpty() ? FileState.UNRECOGNISED : FileState.MALFORMED,
                    join(problem, e.getMessage()), summary(headers, headers.get(0)), KeywordSchema.of(headers.get(0)));
        }
        InstrumentPlugin plugin = match.plugin();
        Header header = headers.get(match.hdu());
        KeywordSchema schema = KeywordSchema.of(header);
        String summary = summary(headers, header);
        FixContext ctx = FixContext.builder().path(file).fileModified(modified).hdus(headers).build();
        FixResult fixed;
        Optional<ExposureFacts> facts;
        try {
            fixed = plugin.fix(header, ctx);
            facts = plugin.exposureFacts(fixed, ctx);
        } catch (DrpException e) {
            return b.build(plugin.name(), "", Optional.empty(), FileState.MALFORMED, join(problem, e.getMessage()),
                    summary, schema);
        }
        String imageType = fixed.facts().imageType().orElse("");
        if (facts.isEmpty()) {
            return b.build(plugin.name(), imageType, facts, problem.isEmpty() ? FileState.UNRECOGNISED
                    : FileState.MALFORMED, join(problem, plugin.name() + " files no key for this header"), summary,
                    schema);
        }
        if (!problem.isEmpty()) {
            return b.build(plugin.name(), imageType, facts, FileState.MALFORMED, problem, summary, schema);
        }
        ExposureFacts f = facts.get();
        if (f.readsExpected().isPresent() && f.readsPresent().isPresent()
                && f.readsPresent().getAsInt() < f.readsExpected().getAsInt()) {
            return b.build(plugin.name(), imageType, facts, FileState.INCOMPLETE, "holds " + f.readsPresent().getAsInt()
                    + " of the " + f.readsExpected().getAsInt() + " reads its header announces (NREAD)", summary,
                    schema);
        }
        return b.build(plugin.name(), imageType, facts, FileState.OK, "", summary, schema);
    }

    private record Builder(Path file, long size, Instant modified, String md5, List<String> warnings) {
        Read build(String instrument, String imageType, Optional<ExposureFacts> facts, FileState state, String reason,
                String summary, KeywordSchema schema) {
            return new Read(new AlmanacEntry(file, size, modified, md5, instrument, imageType, facts, state, reason,
                    warnings, summary, schema == null ? "" : schema.id()), schema);
        }
    }

    private static String describe(Finding f) {
        StringBuilder sb = new StringBuilder(f.code().name());
        if (f.hdu() >= 0) {
            sb.append(" HDU ").append(f.hdu());
        }
        if (f.keyword() != null && !f.keyword().isEmpty()) {
            sb.append(" keyword ").append(f.keyword());
        }
        return sb.append(": ").append(f.message()).toString();
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static String summary(List<Header> headers, Header h) {
        StringBuilder sb = new StringBuilder().append(headers.size()).append(headers.size() == 1 ? " HDU, " : " HDUs, ")
                .append(h.size()).append(" cards");
        for (String k : new String[] {"DATE-OBS", "OBJECT"}) {
            h.getString(k).map(String::trim).filter(v -> !v.isEmpty())
                    .ifPresent(v -> sb.append(", ").append(k).append(' ').append(v));
        }
        return sb.toString();
    }
}
