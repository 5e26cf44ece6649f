package org.drpkit.archive.almanac;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.drpkit.core.instrument.ExposureFacts;

/**
 * One raw file in the almanac: where it is, its size, modification time and MD5, the instrument and image type, the
 * exposure facts its plugin gave ({@link ExposureFacts}: key, exposure, night, chip, reads, exposure time, lamps),
 * what state it is in and why, the validator's lesser findings, a short header summary and the id of its keyword
 * schema ({@link KeywordSchema}).
 *
 * <pre>{@code
 * AlmanacEntry e = almanac.entry(Path.of("/raw/apo/60000/apR-a-44380012.apz")).orElseThrow();
 * e.key();        // "apo/60000/R/0012"
 * e.state();      // OK
 * }</pre>
 *
 * @param path       the file, absolute and normalised
 * @param size       its size, bytes
 * @param modified   its modification time (to the millisecond)
 * @param md5        its MD5 as 32 hex digits, or {@code ""} when not computed
 * @param instrument the plugin's name, or {@code ""} when none took the file
 * @param imageType  the plugin's image type ({@code dark}, {@code object}, ...), or {@code ""} when unknown
 * @param facts      the plugin's exposure facts, empty when the file could not be filed under a key
 * @param state      what the file is
 * @param reason     why it is not {@link FileState#OK} (code, HDU, keyword and detail), {@code ""} when it is
 * @param warnings   codes of the validator's findings that do not make the file unusable (sorted, distinct)
 * @param summary    a short summary of the header: HDUs, cards, DATE-OBS and OBJECT when present
 * @param schemaId   the {@link KeywordSchema#id()} of the header the plugin was chosen by, {@code ""} without one
 */
public record AlmanacEntry(Path path, long size, Instant modified, String md5, String instrument, String imageType,
        Optional<ExposureFacts> facts, FileState state, String reason, List<String> warnings, String summary,
        String schemaId) {

    /** Checks for nulls and copies the list. */
    public AlmanacEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(imageType, "imageType");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(schemaId, "schemaId");
    }

    /** @return the key the file is filed under (an ExposureKey text or an archive id), or {@code ""} without facts */
    public String key() {
        return facts.map(ExposureFacts::fileKey).orElse("");
    }

    /** @return the night of the file, or {@code ""} without facts */
    public String night() {
        return facts.map(ExposureFacts::night).orElse("");
    }

    /** @return this entry in another state with another reason (e.g. {@link FileState#GONE}) */
    public AlmanacEntry withState(FileState newState, String newReason) {
        return new AlmanacEntry(path, size, modified, md5, instrument, imageType, facts, newState, newReason, warnings,
                summary, schemaId);
    }

    @Override
    public String toString() {
        String k = key().isEmpty() ? path.getFileName().toString() : key();
        return k + " " + (instrument.isEmpty() ? "?" : instrument) + " " + (imageType.isEmpty() ? "?" : imageType)
                + " " + state + (reason.isEmpty() ? "" : " (" + reason + ")") + " " + path;
    }
}
