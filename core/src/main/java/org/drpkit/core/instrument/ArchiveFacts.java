package org.drpkit.core.instrument;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a plugin derives about a file for its archive while fixing the header, beyond the header's cards: the image
 * type, the program and its proprietary period, and the few values an archive lists but the file does not carry
 * under that name. Every field is typed and may be empty; {@link #NONE} has none. The names are the archive-neutral
 * ideas; which archive column each fills (the Keck archive's {@code PROPINT}, {@code SEMID}, ...) is the metadata
 * writer's business.
 *
 * <pre>{@code
 * ArchiveFacts f = ArchiveFacts.NONE.withImageType("object").withProprietaryMonths(18);
 * f.proprietaryMonths();   // OptionalInt[18]
 * }</pre>
 *
 * @param imageType          the archive image type ({@code object}, {@code dark}, {@code flatlamp}, ...)
 * @param programId          the observing program's id, as resolved (e.g. {@code C222})
 * @param programTitle       the program's title, as the archive lists it (ASCII)
 * @param programSource      how the program was found (the resolver's name, e.g. {@code schedule})
 * @param qualifiedProgramId the program id qualified by its semester (e.g. {@code 2021B_C222})
 * @param proprietaryMonths  the proprietary period in months (0 = public at once)
 * @param exposureStart      the exposure's start as an ISO date-time text, when the archive lists it apart
 * @param exposureEnd        the exposure's end as an ISO date-time text, when the archive lists it apart
 * @param startMjd           the exposure's start as a modified Julian date, when the header gives it under another
 *                           name only
 * @param calibrationLamp    the calibration lamp that was on ({@code thar}, {@code fpi}, ...)
 */
public record ArchiveFacts(Optional<String> imageType, Optional<String> programId, Optional<String> programTitle,
        Optional<String> programSource, Optional<String> qualifiedProgramId, OptionalInt proprietaryMonths,
        Optional<String> exposureStart, Optional<String> exposureEnd, OptionalDouble startMjd,
        Optional<String> calibrationLamp) {

    /** No facts. */
    public static final ArchiveFacts NONE = new ArchiveFacts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
            OptionalDouble.empty(), Optional.empty());

    /** Checks for nulls (use the empty optionals). */
    public ArchiveFacts {
        Objects.requireNonNull(imageType, "imageType");
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(programTitle, "programTitle");
        Objects.requireNonNull(programSource, "programSource");
        Objects.requireNonNull(qualifiedProgramId, "qualifiedProgramId");
        Objects.requireNonNull(proprietaryMonths, "proprietaryMonths");
        Objects.requireNonNull(exposureStart, "exposureStart");
        Objects.requireNonNull(exposureEnd, "exposureEnd");
        Objects.requireNonNull(startMjd, "startMjd");
        Objects.requireNonNull(calibrationLamp, "calibrationLamp");
    }

    /** @return these facts with the image type */
    public ArchiveFacts withImageType(String type) {
        return new ArchiveFacts(Optional.of(type), programId, programTitle, programSource, qualifiedProgramId,
                proprietaryMonths, exposureStart, exposureEnd, startMjd, calibrationLamp);
    }

    /**
     * @param id        the program id
     * @param title     its title, or null when unknown
     * @param source    how it was found, or null
     * @param qualified the semester-qualified id, or null when there is none
     * @return these facts with the program
     */
    public ArchiveFacts withProgram(String id, String title, String source, String qualified) {
        return new ArchiveFacts(imageType, Optional.ofNullable(id), Optional.ofNullable(title),
                Optional.ofNullable(source), Optional.ofNullable(qualified), proprietaryMonths, exposureStart,
                exposureEnd, startMjd, calibrationLamp);
    }

    /** @return these facts with the proprietary period */
    public ArchiveFacts withProprietaryMonths(int months) {
        return new ArchiveFacts(imageType, programId, programTitle, programSource, qualifiedProgramId,
                OptionalInt.of(months), exposureStart, exposureEnd, startMjd, calibrationLamp);
    }

    /** @return these facts with the exposure's start and end texts (either may be null) and its start MJD */
    public ArchiveFacts withExposureTimes(String start, String end, OptionalDouble mjd) {
        return new ArchiveFacts(imageType, programId, programTitle, programSource, qualifiedProgramId,
                proprietaryMonths, Optional.ofNullable(start), Optional.ofNullable(end), Objects.requireNonNull(mjd),
                calibrationLamp);
    }

    /** @return these facts with the calibration lamp */
    public ArchiveFacts withCalibrationLamp(String lamp) {
        return new ArchiveFacts(imageType, programId, programTitle, programSource, qualifiedProgramId,
                proprietaryMonths, exposureStart, exposureEnd, startMjd, Optional.of(lamp));
    }
}
