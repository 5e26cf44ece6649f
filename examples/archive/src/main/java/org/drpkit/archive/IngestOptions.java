package org.drpkit.archive;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drpkit.core.status.Severity;
import org.drpkit.fits.validate.FindingSeverity;
import org.drpkit.fits.validate.ValidationCode;

/**
 * The policy choices of an ingest run.
 *
 * <pre>{@code
 * IngestOptions o = IngestOptions.archive().renamed(Severity.WARN).fixOption("progid", "C257");
 * }</pre>
 *
 * @param fatalFindings validator codes that make a file INVALID; the validator's other errors become WARN events
 *                      (the written file is repaired where the rewrite can: header re-formatted, standard fill,
 *                      trailing bytes dropped)
 * @param renamed       what an OFNAME that differs from the original file name makes the file: INVALID (the
 *                      archive's rule) or WARN (an operator ingesting renamed copies)
 * @param rejectParts   path parts that make a file INVALID ({@code FILEPATH_REJECT}), matched as plain substrings of
 *                      the original path, as the archive does
 * @param fixOptions    options for the instrument plugins' fix rules ({@code progid}, {@code zeroPropint}, ...)
 * @param fsync         force every product to disk before it is published (and the folder after); off, products
 *                      survive a killed process but not a power cut
 * @param previewFormats the formats previews are written in (default both PNG and JPEG; empty: no preview), each
 *                      with its thumbnail; the md5sum table lists what was written
 */
public record IngestOptions(Set<ValidationCode> fatalFindings, Severity renamed, List<String> rejectParts,
        Map<String, String> fixOptions, boolean fsync, Set<PreviewFormat> previewFormats) {

    /**
     * The findings that make a file unusable or its data ambiguous: what the archive's own checks (astropy opening
     * the file, the existence and path checks) reject, plus checksums that prove the data corrupt.
     */
    public static final Set<ValidationCode> UNUSABLE = Set.copyOf(EnumSet.of(ValidationCode.FILE_NOT_FOUND,
            ValidationCode.FILE_UNREADABLE, ValidationCode.FILE_EMPTY, ValidationCode.NOT_FITS,
            ValidationCode.HEADER_NO_END, ValidationCode.MANDATORY_MISSING, ValidationCode.MANDATORY_OUT_OF_ORDER,
            ValidationCode.MANDATORY_BAD_VALUE, ValidationCode.HDU_UNLOCATABLE, ValidationCode.DATA_TRUNCATED,
            ValidationCode.DUPLICATE_CONFLICT, ValidationCode.TABLE_BAD_COLUMN, ValidationCode.CHECKSUM_MISMATCH,
            ValidationCode.DATASUM_MISMATCH));

    /** The path parts the archive rejects (engineering and private areas of the summit disks). */
    public static final List<String> ARCHIVE_REJECTS = List.of("mira", "savier-protected", "SPEC/ORP", "/subtracted",
            "idf");

    /** Copies the collections and checks the severity. */
    public IngestOptions {
        fatalFindings = Set.copyOf(fatalFindings);
        if (renamed != Severity.INVALID && renamed != Severity.WARN) {
            throw new IllegalArgumentException("renamed files are INVALID or WARN, not " + renamed);
        }
        rejectParts = List.copyOf(rejectParts);
        fixOptions = Map.copyOf(fixOptions);
        previewFormats = previewFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(previewFormats));
    }

    /** The default preview formats: drpkit's PNG and the archive's JPEG. */
    public static final Set<PreviewFormat> DEFAULT_PREVIEWS = Set.of(PreviewFormat.PNG, PreviewFormat.JPEG);

    /** @return the archive's rules: unusable files INVALID, renamed files INVALID, the archive's rejects, fsync on */
    public static IngestOptions archive() {
        return new IngestOptions(UNUSABLE, Severity.INVALID, ARCHIVE_REJECTS, Map.of(), true, DEFAULT_PREVIEWS);
    }

    /** @return these options with every validator error fatal */
    public IngestOptions strict() {
        Set<ValidationCode> all = EnumSet.noneOf(ValidationCode.class);
        for (ValidationCode c : ValidationCode.values()) {
            if (c.severity() == FindingSeverity.ERROR) {
                all.add(c);
            }
        }
        return new IngestOptions(all, renamed, rejectParts, fixOptions, fsync, previewFormats);
    }

    /** @return these options with renamed files {@code INVALID} or {@code WARN} */
    public IngestOptions renamed(Severity severity) {
        return new IngestOptions(fatalFindings, severity, rejectParts, fixOptions, fsync, previewFormats);
    }

    /** @return these options with other path parts rejected (none: an empty list) */
    public IngestOptions rejectParts(List<String> parts) {
        return new IngestOptions(fatalFindings, renamed, parts, fixOptions, fsync, previewFormats);
    }

    /** @return these options with one more plugin option */
    public IngestOptions fixOption(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(fixOptions);
        m.put(name, value);
        return new IngestOptions(fatalFindings, renamed, rejectParts, m, fsync, previewFormats);
    }

    /** @return these options with products forced to disk before publication, or not */
    public IngestOptions fsync(boolean force) {
        return new IngestOptions(fatalFindings, renamed, rejectParts, fixOptions, force, previewFormats);
    }

    /**
     * @param formats the preview formats (empty: no preview)
     * @return these options writing previews in those formats
     */
    public IngestOptions previews(Set<PreviewFormat> formats) {
        return new IngestOptions(fatalFindings, renamed, rejectParts, fixOptions, fsync, formats);
    }
}
