package org.drpkit.archive;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.drpkit.core.status.ProcessingStatus;
import org.drpkit.core.status.Severity;
import org.drpkit.core.status.StatusEvent;

/**
 * How one ingest run ended.
 *
 * @param file        the file ingested, by its original path (when a stage copy was read, the log and the ledger
 *                    name the copy)
 * @param status      PROCESSED, INVALID or ERROR
 * @param code        the code that decided INVALID or ERROR, else null
 * @param instrument  the plugin's name, once known
 * @param koaid       the archive id held (without {@code .fits}), once taken
 * @param utDateTime  the observation time the id encodes, once known
 * @param koaimtyp    the image type, when the plugin gives one
 * @param semid       {@code SEMESTER_PROGID}, when both are known
 * @param propint     the proprietary period in months, when known
 * @param processDir  the folder holding the products
 * @param filesizeMb  the archived FITS file's size in MB (bytes / 1e6, 4 decimals)
 * @param archsizeMb  the size of all products but the log, in MB
 * @param products    the published products, in publication order (the log last)
 * @param events      everything that happened, oldest first
 * @param keywordTable the keyword table that described the metadata table, by name and version
 *                     ({@code KOA_NIRES_Keyword_Table.txt sha256:3f1c0be2a9d45e77}), or null when none did
 * @param references  other files the frame names that the archive keeps too (a DEIMOS science frame's FCS image),
 *                    which the service queues after the frame
 */
public record IngestResult(Path file, ProcessingStatus status, String code, String instrument, String koaid,
        LocalDateTime utDateTime, String koaimtyp, String semid, Integer propint, Path processDir, Double filesizeMb,
        Double archsizeMb, List<Path> products, List<StatusEvent> events, String keywordTable, List<Path> references) {

    /** Copies the lists. */
    public IngestResult {
        products = List.copyOf(products);
        events = List.copyOf(events);
        references = List.copyOf(references);
    }

    /** A result without a keyword table, naming no other file. */
    public IngestResult(Path file, ProcessingStatus status, String code, String instrument, String koaid,
            LocalDateTime utDateTime, String koaimtyp, String semid, Integer propint, Path processDir,
            Double filesizeMb, Double archsizeMb, List<Path> products, List<StatusEvent> events) {
        this(file, status, code, instrument, koaid, utDateTime, koaimtyp, semid, propint, processDir, filesizeMb,
                archsizeMb, products, events, null, List.of());
    }

    /** @return the number of events of a severity */
    public long count(Severity severity) {
        long n = 0;
        for (StatusEvent e : events) {
            n += e.severity() == severity ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        return status + (code != null ? " " + code : "") + (koaid != null ? " " + koaid : "") + " ("
                + (instrument != null ? instrument : "no instrument") + (koaimtyp != null ? ", " + koaimtyp : "")
                + ", " + products.size() + " products, " + count(Severity.WARN) + " warnings) " + file;
    }
}
