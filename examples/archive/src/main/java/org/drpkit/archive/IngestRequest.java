package org.drpkit.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One file to ingest.
 *
 * <pre>{@code
 * IngestRequest r = IngestRequest.of(Path.of("/sdata/nirc2/n0051.fits"), new ArchiveIdRegistry().claimsFor(...));
 * }</pre>
 *
 * @param file           the file to read
 * @param originalPath   the path the instrument wrote (differs from {@code file} for a staged {@code _verN} copy);
 *                       its name is what OFNAME must equal
 * @param md5            the file's MD5 (hex) when already known (computed when null)
 * @param claims         who holds which archive id
 * @param instrumentHint the instrument a ledger row names, used to find an earlier attempt's products; or null
 * @param attempt        1 for a first run, more for a reprocess
 * @param history        earlier attempts' log lines, written at the head of the new log
 * @param cancelled      polled between steps: true stops the run with {@link IngestCancelled}
 */
public record IngestRequest(Path file, Path originalPath, String md5, ArchiveIdClaims claims, String instrumentHint,
        int attempt, List<String> history, BooleanSupplier cancelled) {

    /** Checks and copies. */
    public IngestRequest {
        Objects.requireNonNull(file, "file");
        originalPath = originalPath == null ? file : originalPath;
        Objects.requireNonNull(claims, "claims");
        history = List.copyOf(history);
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** @return a first attempt for a file read from where the instrument wrote it */
    public static IngestRequest of(Path file, ArchiveIdClaims claims) {
        return new IngestRequest(file, file, null, claims, null, 1, List.of(), null);
    }
}
